; neural-style-batch.scm: repaint a picture file in the style of another,
; from Script-Fu, with the gimp-neural-style plug-in.
;
; Installed into GIMP's scripts folder, so Script-Fu knows the function at
; start-up.  From a shell, with GIMP's batch mode:
;
;   gimp-console-2.10 -i \
;     -b '(neural-style-batch "photo.png" "painting.jpg" "out.png" 200 512)' \
;     -b '(gimp-quit 0)'
;
; A model to adapt: copy it into your own script and change the arguments
; of plug-in-neural-style.  Help ▸ Procedure Browser, "neural", lists every
; argument with its range and default.  Errors (no weights file, a value out
; of range) stop the script with the plug-in's message, which batch mode
; prints.  The plug-in finds the VGG19 weights through $NST_WEIGHTS or
; ~/.local/share/gimp-neural-style/vgg19.safetensors unless the last
; argument names the file.

(define (neural-style-batch content-file style-file out-file iterations size)
  (let* ((image   (car (gimp-file-load RUN-NONINTERACTIVE
                                       content-file content-file)))
         (content (car (gimp-image-get-active-drawable image)))
         ;; The style may be a layer of any open image, of any size.
         (style-image (car (gimp-file-load RUN-NONINTERACTIVE
                                           style-file style-file)))
         (style   (car (gimp-image-get-active-drawable style-image))))

    ;; To stylise only part of the picture, select it first, e.g.
    ;; (gimp-image-select-ellipse image CHANNEL-OP-REPLACE 10 10 200 150)
    ;; The work is then limited to the selection and blended through it.

    (plug-in-neural-style RUN-NONINTERACTIVE image content
                          1 (vector style) ; num-styles, styles: up to 3
                          1 (vector 1.0)   ; num-blends, style-blend: one
                                           ;   weight > 0 per style
                          iterations       ; loss evaluations
                          size             ; working long edge, 0 = own size
                          1.0              ; content-weight
                          1e6              ; style-weight: raise for more
                                           ;   style, lower for more photo
                          0.0              ; tv-weight: smooths noise
                          1.0              ; style-scale: larger, bigger
                                           ;   brush strokes
                          0                ; preserve-colors: none (0),
                                           ;   luminance (1), match (2)
                          0                ; init: content (0), noise (1),
                                           ;   style (2)
                          0                ; seed for init noise
                          2                ; scales: coarse-to-fine levels
                          0                ; optimizer: lbfgs (0), adam (1)
                          0                ; device: auto (0), cpu (1),
                                           ;   cuda (2)
                          0                ; preview-every: 0, no preview
                                           ;   layer in batch mode
                          1                ; output: new-layer (0),
                                           ;   replace (1)
                          0                ; precision: auto (0), fp32 (1),
                                           ;   bf16 (2)
                          0                ; memory budget in MiB: 0 adds
                                           ;   3/4 of what is available to
                                           ;   what the plug-in holds
                          "")              ; weights: "" searches

    (gimp-file-save RUN-NONINTERACTIVE image content out-file out-file)
    (gimp-image-delete style-image)
    (gimp-image-delete image)
    out-file))
