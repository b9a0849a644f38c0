; neural-style-batch-3.scm: repaint a picture file in the style of another,
; from Script-Fu in GIMP 3.0, with the gimp-neural-style plug-in.  (GIMP
; 2.10's version is neural-style-batch.scm.)
;
; Installed into GIMP's scripts folder, so Script-Fu knows the function at
; start-up.  From a shell, with GIMP's batch mode:
;
;   gimp-console-3.0 -i --batch-interpreter plug-in-script-fu-eval \
;     -b '(neural-style-batch "photo.png" "painting.jpg" "out.png" 200 512)' \
;     --quit
;
; A model to adapt: copy it into your own script and change the arguments
; of plug-in-neural-style.  Help ▸ Procedure Browser, "neural", lists every
; argument with its range and default.  Errors (no weights file, a value out
; of range) stop the script with the plug-in's message, which batch mode
; prints.  The plug-in finds the VGG19 weights through $NST_WEIGHTS or
; ~/.local/share/gimp-neural-style/vgg19.safetensors unless the last
; argument names the file.
;
; Differences from GIMP 2.10: arguments are given by name (#:name value;
; GIMP 3 calls the positional style deprecated), the drawables to work on
; are a vector, the styles and their blend weights are vectors without a
; count before them, and the choices are strings.  In Script-Fu's v3
; dialect, used here, calls return their value itself rather than a list of
; it.

(define (neural-style-batch content-file style-file out-file iterations size)
  (script-fu-use-v3)
  (let* ((image   (gimp-file-load RUN-NONINTERACTIVE content-file))
         (content (vector-ref (gimp-image-get-selected-drawables image) 0))
         ;; The style may be a layer of any open image, of any size.
         (style-image (gimp-file-load RUN-NONINTERACTIVE style-file))
         (style   (vector-ref (gimp-image-get-selected-drawables style-image)
                              0)))

    ;; To stylise only part of the picture, select it first, e.g.
    ;; (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 10 10 200 150)
    ;; The work is then limited to the selection and blended through it.

    ;; Arguments by name, as GIMP 3 wants them; any left out keeps its
    ;; default.
    (plug-in-neural-style
      #:run-mode RUN-NONINTERACTIVE
      #:image image
      #:drawables (vector content)
      #:styles (vector style)           ; up to 3
      #:style-blend (vector 1.0)        ; one weight > 0 per style
      #:iterations iterations           ; loss evaluations
      #:size size                       ; working long edge, 0 = own size
      #:content-weight 1.0
      #:style-weight 1e6                ; raise for more style, lower for
                                        ;   more photo
      #:tv-weight 0.0                   ; smooths noise
      #:style-scale 1.0                 ; larger, bigger brush strokes
      #:preserve-colors "none"          ; "none", "luminance", "match"
      #:init "content"                  ; "content", "noise", "style"
      #:seed 0                          ; seed for init noise
      #:scales 2                        ; coarse-to-fine levels
      #:optimizer "lbfgs"               ; "lbfgs", "adam"
      #:device "auto"                   ; "auto", "cpu", "cuda"
      #:preview-every 0                 ; no preview layer in batch mode
      #:output "replace"                ; "new-layer", "replace"
      #:weights "")                     ; "" searches

    (gimp-file-save RUN-NONINTERACTIVE image out-file -1)
    (gimp-image-delete style-image)
    (gimp-image-delete image)
    out-file))
