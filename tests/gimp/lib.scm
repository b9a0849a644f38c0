; lib.scm: Script-Fu helpers for the GIMP batch tests (tests/gimp/*.py).
;
; A case reports what it saw as messages "NST|<case>|<key>|<value>", which
; GIMP's batch mode prints on stderr; the Python side checks them and the
; PNG files the case saved.  The harness defines nst-images, nst-out and
; nst-weights before loading this file.

(define nst-case-name "")

(define (nst->string v)
  (cond ((string? v) v)
        ((integer? v) (number->string v))
        ((number? v) (number->string v))
        ((eq? v #t) "true")
        ((eq? v #f) "false")
        ((vector? v) (nst->string (vector->list v)))
        ((pair? v) (nst-join " " (map nst->string v)))
        ((null? v) "")
        ((symbol? v) (symbol->string v))
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

;  A fresh copy of a test picture, as if just loaded.  Each file is loaded
; once (every load starts a file plug-in: seconds over a group) and then
; duplicated, under the file's name.
(define nst-loaded '())

(define (nst-load file)
  (let* ((path (nst-path nst-images file))
         (hit (assoc file nst-loaded))
         (original (if hit
                       (cdr hit)
                       (car (gimp-file-load RUN-NONINTERACTIVE path path))))
         (copy (car (gimp-image-duplicate original))))
    (if (not hit)
        (set! nst-loaded (cons (cons file original) nst-loaded)))
    (gimp-image-set-filename copy path)
    (gimp-image-clean-all copy)
    copy))

(define (nst-drawable image) (car (gimp-image-get-active-drawable image)))

; The only layer of a freshly loaded picture, in an image of its own.
(define (nst-style file) (nst-drawable (nst-load file)))

(define (nst-save image drawable file)
  (let ((path (nst-path nst-out file)))
    (gimp-file-save RUN-NONINTERACTIVE image drawable path path)))

; The image as it looks, flattened into a new image (the original keeps its
; layers and undo history).
(define (nst-save-visible image file)
  (let* ((copy (car (gimp-image-duplicate image)))
         (flat (car (gimp-image-merge-visible-layers copy CLIP-TO-IMAGE))))
    (nst-save copy flat file)
    (gimp-image-delete copy)))

(define (nst-layer-count image) (car (gimp-image-get-layers image)))

(define (nst-layer-names image)
  (map (lambda (layer) (car (gimp-item-get-name layer)))
       (vector->list (cadr (gimp-image-get-layers image)))))

(define (nst-report-state image)
  (nst-report "layers" (nst-layer-count image))
  (nst-report "undo-enabled" (= 1 (car (gimp-image-undo-is-enabled image))))
  (nst-report "dirty" (= 1 (car (gimp-image-is-dirty image)))))

(define (nst-report-layer key layer)
  (let ((image (car (gimp-item-get-image layer))))
    (nst-report (string-append key "-name") (car (gimp-item-get-name layer)))
    (nst-report (string-append key "-position")
                (car (gimp-image-get-item-position image layer)))
    (nst-report (string-append key "-offsets") (gimp-drawable-offsets layer))
    (nst-report (string-append key "-size")
                (list (car (gimp-drawable-width layer))
                      (car (gimp-drawable-height layer))))
    (nst-report (string-append key "-mask") (car (gimp-layer-get-mask layer)))
    (nst-report (string-append key "-gray")
                (= 1 (car (gimp-drawable-is-gray layer))))))

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

; ---- the procedure --------------------------------------------------------

; The tests' argument values, by PDB argument name.  Arguments are put in
; the order the PDB declares, so the tests follow the parameter table.
; Tiny images, few evaluations, the CPU; the noise start image makes every
; result differ from the content whatever synthetic weights do to the loss.
(define nst-test-values
  (list (cons "iterations" 4) (cons "size" 0) (cons "content-weight" 1.0)
        (cons "style-weight" 1e4) (cons "tv-weight" 0.0)
        (cons "style-scale" 1.0) (cons "preserve-colors" 0) (cons "init" 1)
        (cons "seed" 0) (cons "scales" 1) (cons "optimizer" 0)
        (cons "device" 1) (cons "preview-every" 1) (cons "output" 0)
        (cons "precision" 1) (cons "memory" 0)))

(define (nst-lookup name alist)
  (let ((hit (assoc name alist)))
    (if hit
        (cdr hit)
        (error (string-append "lib.scm has no test value for argument "
                              name)))))

; (nst-call image drawable styles overrides): calls plug-in-neural-style
; RUN-NONINTERACTIVE with `styles` (a list of drawables, equal blends) and
; the test values, where `overrides` (an alist by argument name, which may
; also name num-styles, styles, num-blends, style-blend, weights and
; run-mode) replaces some.  Returns the result layer.
(define (nst-call image drawable styles overrides)
  (nst-call-proc "plug-in-neural-style" image drawable styles overrides))

; The same for the procedure named `proc`: plug-in-neural-style-regions
; takes the regions and source masks too, -1 (none) for each style unless
; `overrides` gives them.
(define (nst-call-proc proc image drawable styles overrides)
  (let* ((info (gimp-procedural-db-proc-info proc))
         (n-args (list-ref info 6))
         (none (list->vector (map (lambda (s) -1) styles)))
         (fixed (list (cons "run-mode" RUN-NONINTERACTIVE)
                      (cons "image" image)
                      (cons "drawable" drawable)
                      (cons "num-styles" (length styles))
                      (cons "styles" (list->vector styles))
                      (cons "num-blends" (length styles))
                      (cons "style-blend"
                            (list->vector (map (lambda (s) 1.0) styles)))
                      (cons "weights" nst-weights)
                      (cons "num-regions" (length styles))
                      (cons "regions" none)
                      (cons "num-source-masks" (length styles))
                      (cons "source-masks" none)))
         (by-name (append overrides fixed nst-test-values))
         (args (let loop ((i (- n-args 1)) (out '()))
                 (if (< i 0)
                     out
                     (loop (- i 1)
                           (cons (nst-lookup
                                  (cadr (gimp-procedural-db-proc-arg
                                         proc i))
                                  by-name)
                                 out))))))
    (car (apply (eval (string->symbol proc)) args))))
