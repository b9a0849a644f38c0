; lib.scm: Script-Fu helpers for the GIMP 3.0 batch tests (tests/gimp3/).
;
; The same helpers, by the same names and with the same reports, as GIMP
; 2.10's tests/gimp/lib.scm, written for GIMP 3.0's API in Script-Fu's v3
; dialect (calls return their value, not a list of it; booleans are #t and
; #f).  The cases of both suites are checked by the same Python code, so a
; report must read the same: "NST|<case>|<key>|<value>" on stderr.  The
; harness defines nst-images, nst-out and nst-weights before loading this
; file and calls (script-fu-use-v3) first.

(define nst-case-name "")

(define (nst->string v)
  (cond ((string? v) v)
        ((integer? v) (number->string v))
        ((number? v) (number->string v))
        ((eq? v #t) "true")
        ((eq? v #f) "false")
        ((symbol? v) (symbol->string v))
        ((vector? v) (nst->string (vector->list v)))
        ((pair? v) (nst-join " " (map nst->string v)))
        ((null? v) "")
        (else "?")))

(define (nst-join sep items)
  (if (null? items)
      ""
      (let loop ((out (car items)) (rest (cdr items)))
        (if (null? rest)
            out
            (loop (string-append out sep (car rest)) (cdr rest))))))

(define (nst-report key value)
  (gimp-message (string-append "NST|" nst-case-name "|" key "|"
                               (nst->string value))))

; (nst-try thunk) -> (ok value) or (error "message"): runs thunk, catching
; the error a failing PDB call raises, with Script-Fu's message.
(define nst-error-message "")

(define (nst-error-hook . args)
  (set! nst-error-message (nst->string args))
  (throw))

(define (nst-try thunk)
  (let ((saved *error-hook*)
        (failed #f)
        (value #f))
    (set! *error-hook* nst-error-hook)
    (set! value (catch (begin (set! failed #t) #f) (thunk)))
    (set! *error-hook* saved)
    (if failed (list 'error nst-error-message) (list 'ok value))))

; Runs one case; a case that fails unexpectedly reports "crash".
(define (nst-case name thunk)
  (set! nst-case-name name)
  (nst-report "begin" "")
  (let ((outcome (nst-try thunk)))
    (if (eq? (car outcome) 'error)
        (nst-report "crash" (cadr outcome))
        (nst-report "end" ""))))

; ---- images ---------------------------------------------------------------

(define (nst-path dir file) (string-append dir "/" file))

(define (nst-load file)
  (gimp-file-load RUN-NONINTERACTIVE (nst-path nst-images file)))

; GIMP 3 selects drawables; a freshly loaded picture has its one selected.
(define (nst-drawable image)
  (vector-ref (gimp-image-get-selected-drawables image) 0))

; The only layer of a freshly loaded picture, in an image of its own.
(define (nst-style file) (nst-drawable (nst-load file)))

; GIMP 3 exports whole images, not drawables: the drawable's pixels go
; alone into a copy of its image, which keeps the image's precision and
; colour profile (GIMP 3 makes one from a PNG's gAMA and cHRM), so the
; saved values are the drawable's own.
(define (nst-save image drawable file)
  (let* ((copy (gimp-image-duplicate image))
         (layer (gimp-layer-new-from-drawable drawable copy)))
    (for-each (lambda (l) (gimp-image-remove-layer copy l))
              (vector->list (gimp-image-get-layers copy)))
    (for-each (lambda (c) (gimp-image-remove-channel copy c))
              (vector->list (gimp-image-get-channels copy)))
    (gimp-image-insert-layer copy layer 0 0)
    (gimp-layer-set-offsets layer 0 0)
    (gimp-image-resize-to-layers copy)
    (gimp-file-save RUN-NONINTERACTIVE copy (nst-path nst-out file) -1)
    (gimp-image-delete copy)))

; The image as it looks (a copy is exported, so the original keeps its
; layers, undo history and dirty state).
(define (nst-save-visible image file)
  (let ((copy (gimp-image-duplicate image)))
    (gimp-file-save RUN-NONINTERACTIVE copy (nst-path nst-out file) -1)
    (gimp-image-delete copy)))

;  Calls `call` (a thunk) expecting it to fail; reports the outcome, the
; message and the image's state after, and saves `drawable`.
(define (nst-expect-error image drawable file call)
  (gimp-image-clean-all image)
  (nst-report "layers-before" (nst-layer-count image))
  (let ((outcome (nst-try call)))
    (nst-report "outcome" (car outcome))
    (nst-report "message" (cadr outcome)))
  (nst-report-state image)
  (nst-save image drawable file))

(define (nst-layer-count image) (vector-length (gimp-image-get-layers image)))

(define (nst-layer-names image)
  (map (lambda (layer) (gimp-item-get-name layer))
       (vector->list (gimp-image-get-layers image))))

(define (nst-report-state image)
  (nst-report "layers" (nst-layer-count image))
  (nst-report "undo-enabled" (gimp-image-undo-is-enabled image))
  (nst-report "dirty" (gimp-image-is-dirty image)))

(define (nst-report-layer key layer)
  (let ((image (gimp-item-get-image layer)))
    (nst-report (string-append key "-name") (gimp-item-get-name layer))
    (nst-report (string-append key "-position")
                (gimp-image-get-item-position image layer))
    (nst-report (string-append key "-offsets") (gimp-drawable-get-offsets layer))
    (nst-report (string-append key "-size")
                (list (gimp-drawable-get-width layer)
                      (gimp-drawable-get-height layer)))
    (nst-report (string-append key "-mask") (gimp-layer-get-mask layer))
    (nst-report (string-append key "-gray") (gimp-drawable-is-gray layer))))

; ---- the procedure --------------------------------------------------------

; The tests' argument values in the order the PDB declares them (GIMP 3's
; Script-Fu cannot ask the PDB for argument names): after the drawables,
; the styles and blends, then the parameter table's rows, then the weights.
; Tiny images, few evaluations, the CPU; the noise start image makes every
; result differ from the content whatever synthetic weights do to the loss.
(define nst-test-values
  (list (cons "iterations" 4) (cons "size" 0) (cons "content-weight" 1.0)
        (cons "style-weight" 1e4) (cons "tv-weight" 0.0)
        (cons "style-scale" 1.0) (cons "preserve-colors" "none")
        (cons "init" "noise") (cons "seed" 0) (cons "scales" 1)
        (cons "optimizer" "lbfgs") (cons "device" "cpu")
        (cons "preview-every" 1) (cons "output" "new-layer")
        (cons "precision" "fp32") (cons "memory" 0)))

(define nst-argument-names
  (append (list "run-mode" "image" "drawables" "styles" "style-blend")
          (map car nst-test-values)
          (list "weights")))

(define (nst-lookup name alist)
  (let ((hit (assoc name alist)))
    (if hit
        (cdr hit)
        (error (string-append "lib.scm has no test value for argument "
                              name)))))

; (nst-call image drawable styles overrides): calls plug-in-neural-style
; RUN-NONINTERACTIVE on `drawable` with `styles` (a list of drawables,
; equal blends) and the test values, where `overrides` (an alist by
; argument name, which may also name drawables, styles, style-blend,
; weights and run-mode) replaces some.  Returns the result layer.
(define (nst-call image drawable styles overrides)
  (let* ((fixed (list (cons "run-mode" RUN-NONINTERACTIVE)
                      (cons "image" image)
                      (cons "drawables" (vector drawable))
                      (cons "styles" (list->vector styles))
                      (cons "style-blend"
                            (list->vector (map (lambda (s) 1.0) styles)))
                      (cons "weights" nst-weights)))
         (by-name (append overrides fixed nst-test-values)))
    (apply plug-in-neural-style
           (map (lambda (name) (nst-lookup name by-name))
                nst-argument-names))))

; The same call with the regions and source masks, GIMP 3's last two
; arguments (tests/gimp's nst-call-proc "plug-in-neural-style-regions"):
; -1 (none) for each style unless `overrides` gives them.
(define (nst-call-regions image drawable styles overrides)
  (let* ((none (list->vector (map (lambda (s) -1) styles)))
         (by-name (append overrides
                          (list (cons "regions" none)
                                (cons "source-masks" none))
                          (list (cons "run-mode" RUN-NONINTERACTIVE)
                                (cons "image" image)
                                (cons "drawables" (vector drawable))
                                (cons "styles" (list->vector styles))
                                (cons "style-blend"
                                      (list->vector
                                       (map (lambda (s) 1.0) styles)))
                                (cons "weights" nst-weights))
                          nst-test-values)))
    (apply plug-in-neural-style
           (map (lambda (name) (nst-lookup name by-name))
                (append nst-argument-names
                        (list "regions" "source-masks"))))))
