#!/usr/bin/python3
"""nst_reference.py: the article's style transfer, as the yardstick for ours.

A Python reference for gimp-neural-style's engine: the code of "Style Transfer
from first principles" (docs/seed-article.md) kept recognisable - a whole
torchvision-layout VGG19 with forward hooks on features[21] (content) and
features[0, 5, 10, 19, 28] (style), gram_matrix, feature_loss, style_loss,
loss_fn, total = content + 1e6 * style - with one deliberate fix: the article's
`feature.requries_grad=False` typo leaves the weights trainable, so here every
parameter gets requires_grad_(False) and no weight gradient is computed.

Additions, all off or neutral by default: several styles (target Gram = the
blend-weighted sum of their Grams), styles by region (Gatys et al. 2017,
"Controlling Perceptual Factors in Neural Style Transfer": guided Gram
matrices, --region-mask and --source-mask), a total-variation term on pixel
values,
the weights read from a safetensors file (torchvision names), and a second
optimiser: `--optimizer projected`, torch.optim.LBFGS.step transcribed line by
line with the two changes of the engine's "projected L-BFGS" (the step is
clamped to the pixel range and the curvature pair uses the displacement
actually made; the run stops after exactly --iterations evaluations and keeps
the best one).  `--optimizer torch` is the article's literal loop.

Debian's python3-torch is enough: no torchvision is needed.
"""

import argparse
import json
import math
import re
import resource
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from PIL import Image

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)

CONTENT_LAYERS = (21,)  # block_4_conv_2
STYLE_LAYERS = (0, 5, 10, 19, 28)  # block_1_conv_1 ... block_5_conv_1
STYLE_STRIDES = (1, 2, 4, 8, 16)  # their activations' strides in pixels


# ---- weights ------------------------------------------------------------

_ST_DTYPES = {"F32": 4, "F16": 2, "BF16": 2}


def load_safetensors_features(path):
    """{features index: (weight, bias)} as float32 tensors from a safetensors
    file with torchvision names ("features.N.weight", any common prefix)."""
    with open(path, "rb") as f:
        (header_len,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(header_len))
    # Memory-mapped so that a full model file (575 MB with the classifier)
    # only costs the convolutions actually read.
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + header_len)
    tensors = {}
    for name, info in header.items():
        m = re.fullmatch(r"(?:.*\.)?features\.(\d+)\.(weight|bias)", name)
        if m is None:
            continue
        dtype = info["dtype"]
        if dtype not in _ST_DTYPES:
            raise SystemExit(f"{path}: {name} has dtype {dtype}; "
                             "expected F32, F16 or BF16")
        begin, end = info["data_offsets"]
        count = int(np.prod(info["shape"], dtype=np.int64))
        if end - begin != count * _ST_DTYPES[dtype] or end > data.size:
            raise SystemExit(f"{path}: {name} does not fit its shape or the file")
        raw = np.asarray(data[begin:end])
        if dtype == "F32":
            a = raw.view("<f4").astype(np.float32)
        elif dtype == "F16":
            a = raw.view("<f2").astype(np.float32)
        else:  # bfloat16 is the top half of a float32
            a = (raw.view("<u2").astype(np.uint32) << 16).view(np.float32)
        index, kind = int(m.group(1)), m.group(2)
        tensors.setdefault(index, {})[kind] = torch.from_numpy(
            a.reshape(info["shape"]).copy())
    return tensors


# ---- the network: torchvision's vgg19, rebuilt ---------------------------

# torchvision.models.vgg cfgs["E"]
_VGG19_CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M",
              512, 512, 512, 512, "M", 512, 512, 512, 512, "M"]


class TorchvisionVGG19(nn.Module):
    """torchvision.models.vgg19 module for module: features, avgpool and
    classifier, initialised as torchvision does."""

    def __init__(self):
        super().__init__()
        layers = []
        in_channels = 3
        for v in _VGG19_CFG:
            if v == "M":
                layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
            else:
                layers.append(nn.Conv2d(in_channels, v, kernel_size=3, padding=1))
                layers.append(nn.ReLU(inplace=True))
                in_channels = v
        self.features = nn.Sequential(*layers)
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096), nn.ReLU(True), nn.Dropout(p=0.5),
            nn.Linear(4096, 4096), nn.ReLU(True), nn.Dropout(p=0.5),
            nn.Linear(4096, 1000))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out",
                                        nonlinearity="relu")
                nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.constant_(m.bias, 0)

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


def models_vgg19(weights_path, device):
    """Stands in for the article's models.vgg19(pretrained=True): the
    convolutions come from `weights_path`; the classifier keeps torchvision's
    random initialisation (the weights files hold only features.*), which
    cannot change the hooked activations."""
    torch.manual_seed(0)
    model = TorchvisionVGG19()
    tensors = load_safetensors_features(weights_path)
    for index, module in enumerate(model.features):
        if not isinstance(module, nn.Conv2d):
            continue
        pair = tensors.get(index, {})
        if "weight" not in pair or "bias" not in pair:
            if index <= max(CONTENT_LAYERS + STYLE_LAYERS):
                raise SystemExit(f"{weights_path}: features.{index} missing")
            # Past the deepest hook: only the unused classifier sees it.
            continue
        if (pair["weight"].shape != module.weight.shape
                or pair["bias"].shape != module.bias.shape):
            raise SystemExit(f"{weights_path}: features.{index} has shape "
                             f"{tuple(pair['weight'].shape)}, expected "
                             f"{tuple(module.weight.shape)}")
        with torch.no_grad():
            module.weight.copy_(pair["weight"])
            module.bias.copy_(pair["bias"])
    return model.to(device)


# ---- the article ----------------------------------------------------------

class Vgg19(nn.Module):
    def __init__(self, weights_path, device):
        super(Vgg19, self).__init__()
        self._vgg19 = models_vgg19(weights_path, device)
        self._vgg19.train(False)
        self.features = list(self._vgg19.features)

        # The fix: the article writes `feature.requries_grad=False`, which
        # sets an unused attribute and leaves every weight trainable.
        for p in self._vgg19.parameters():
            p.requires_grad_(False)

        for feature in self.features:
            # Registers a forward hook to intercept layer activations and store them.
            feature.register_forward_hook(self._hook)

        self.content_layer_outputs = []
        self.style_layer_outputs = []
        self.content_modules = set(self.features[i] for i in CONTENT_LAYERS)
        self.style_modules = set(self.features[i] for i in STYLE_LAYERS)

    def _hook(self, module, input_, output_):
        # output_ is overwritten by the ReLU(inplace=True) that follows, so
        # the losses see post-ReLU activations (checked in run()).
        if module in self.content_modules:
            self.content_layer_outputs.append(output_)
        elif module in self.style_modules:
            self.style_layer_outputs.append(output_)
        return None

    def clear(self):
        self.content_layer_outputs = []
        self.style_layer_outputs = []

    def forward(self, x):
        return self._vgg19(x)


def gram_matrix(tensor):
    a, b, c, d = tensor.size()
    # Create a 2D view of the tensor
    features = tensor.view(a * b, c * d)
    # Compute the gram matrix
    G = torch.mm(features, features.t())
    # Normalize it by the number of features
    return G.div(a * b * c * d)


def layer_masks(mask):
    """A guidance channel (1x1xHxW) brought to each style layer's size, the
    paper's simple way: down-sampled, here by averaging each layer's
    stride x stride cells (the size rounds down, as the max poolings do)."""
    return [F.avg_pool2d(mask, s, s) if s > 1 else mask for s in STYLE_STRIDES]


def guided_gram_matrix(tensor, mask):
    """The guided Gram matrix of Gatys et al. 2017: F_r = F o m (the mask
    broadcast over the channels), G_r = F_r F_r^T, normalised by the region's
    weight C * sum(m^2), which for m = 1 is gram_matrix's a*b*c*d."""
    a, b, c, d = tensor.size()
    features = (tensor * mask).view(a * b, c * d)
    G = torch.mm(features, features.t())
    return G.div(b * mask.pow(2).sum())


def feature_loss(input_features, output_features):
    return F.mse_loss(input_features, output_features)


def style_loss(style_gram, output_features):
    # The article computes A = gram_matrix(style_features) here on every
    # call; with blended styles A is precomputed (same values for one style).
    G = gram_matrix(output_features)
    return F.mse_loss(style_gram, G)


def tv_loss(pixels):
    """Mean squared difference of vertical and horizontal neighbours."""
    return (F.mse_loss(pixels[:, :, 1:, :], pixels[:, :, :-1, :])
            + F.mse_loss(pixels[:, :, :, 1:], pixels[:, :, :, :-1]))


def loss_fn(vgg19, b_content_features, s_style_grams, input_tensor, weights,
            regions=()):
    """Returns (total, content, style, tv) as tensors; weights =
    (content_weight, style_weight, tv_weight).  s_style_grams: None when no
    style is painted everywhere; regions: (layer masks, Grams) of each style
    painted in a region, each adding its guided loss with weight 1."""
    content_weight, style_weight, tv_weight = weights
    batch = input_tensor.unsqueeze(0)
    vgg19(batch)
    c_features = vgg19.content_layer_outputs
    s_features = vgg19.style_layer_outputs

    c_loss = 0.
    for i in range(len(c_features)):
        c_loss += feature_loss(b_content_features[i], c_features[i])

    s_loss = 0.
    if s_style_grams is not None:
        for i in range(len(s_features)):
            s_loss += style_loss(s_style_grams[i], s_features[i])
    for masks, grams in regions:
        for i in range(len(s_features)):
            s_loss += F.mse_loss(grams[i],
                                 guided_gram_matrix(s_features[i], masks[i]))

    tv = tv_loss(deprocess(batch))

    # Weighted sum (the article: c_loss + 100_00_00 * s_loss)
    total_loss = content_weight * c_loss + style_weight * s_loss + tv_weight * tv
    return total_loss, c_loss, s_loss, tv


# ---- images -----------------------------------------------------------------

def _channel_view(values, like):
    return torch.tensor(values, dtype=like.dtype, device=like.device).view(-1, 1, 1)


def to_tensor(image):
    """torchvision's ToTensor for an RGB PIL image: CHW float32 in [0, 1]."""
    a = torch.from_numpy(np.array(image, dtype=np.uint8))
    return a.permute(2, 0, 1).contiguous().float().div(255)


def normalize(tensor):
    """torchvision's Normalize with the ImageNet mean and std."""
    return tensor.sub(_channel_view(MEAN, tensor)).div(_channel_view(STD, tensor))


def deprocess(tensor):
    """Normalised values (CHW or NCHW) back to pixel values."""
    return tensor.mul(_channel_view(STD, tensor)).add(_channel_view(MEAN, tensor))


def pixel_bounds(like):
    """Per-channel bounds of the normalised variable: pixel 0 and pixel 1."""
    lo = [(0.0 - m) / s for m, s in zip(MEAN, STD)]
    hi = [(1.0 - m) / s for m, s in zip(MEAN, STD)]
    return _channel_view(lo, like), _channel_view(hi, like)


def load_image(path):
    return Image.open(path).convert("RGB")


def load_mask(path, size, device):
    """A grey image of `size` as a 1x1xHxW mask in [0, 1], or None for
    'none'."""
    if path == "none":
        return None
    image = Image.open(path).convert("L")
    if image.size != size:
        raise SystemExit(f"{path} is {image.size}, expected {size}")
    a = torch.from_numpy(np.array(image, dtype=np.uint8)).float().div(255)
    return a.view(1, 1, size[1], size[0]).to(device)


def save_image(tensor, path):
    pixels = deprocess(tensor.detach().cpu()).clamp(0, 1)
    a = (pixels.permute(1, 2, 0).numpy() * 255.0 + 0.5).astype(np.uint8)
    Image.fromarray(a).save(path)


# ---- projected L-BFGS ---------------------------------------------------------

class BudgetSpent(Exception):
    """Raised by the closure instead of making one evaluation too many."""


class ProjectedLBFGS(optim.Optimizer):
    """torch.optim.LBFGS.step of PyTorch 1.13 (line_search_fn=None),
    transcribed line by line, with the engine's two changes, marked CHANGE:

    1. x += t*d becomes x = clamp(x + t*d, lo, hi), and where torch reuses the
       step d*t (the next curvature pair, the lack-of-progress test) the
       displacement actually made, s = x_new - x_old, is used instead, so the
       curvature pairs stay true secant pairs.  lo = hi = None: no clamp, and
       this is torch's algorithm.
    2. is the caller's: its closure raises BudgetSpent rather than make one
       evaluation more than asked (see run_projected).
    """

    def __init__(self, params, lo=None, hi=None, lr=1, max_iter=20,
                 max_eval=None, tolerance_grad=1e-7, tolerance_change=1e-9,
                 history_size=100):
        if max_eval is None:
            max_eval = max_iter * 5 // 4
        defaults = dict(lr=lr, max_iter=max_iter, max_eval=max_eval,
                        tolerance_grad=tolerance_grad,
                        tolerance_change=tolerance_change,
                        history_size=history_size)
        super().__init__(params, defaults)
        if len(self.param_groups) != 1 or len(self.param_groups[0]["params"]) != 1:
            raise ValueError("ProjectedLBFGS optimises exactly one tensor")
        self._params = self.param_groups[0]["params"]
        self._lo = lo
        self._hi = hi

    def _gather_flat_grad(self):
        p = self._params[0]
        if p.grad is None:
            return p.new(p.numel()).zero_()
        return torch.cat([p.grad.view(-1)], 0)

    def _move(self, step_size, update):
        """CHANGE 1: x = clamp(x + t*d, lo, hi); returns x_new - x_old."""
        p = self._params[0]
        x_old = p.detach().clone(memory_format=torch.contiguous_format)
        p.add_(update.view_as(p), alpha=step_size)
        if self._lo is not None:
            p.copy_(torch.maximum(torch.minimum(p, self._hi), self._lo))
        return p.detach().sub(x_old).view(-1)

    @torch.no_grad()
    def step(self, closure):
        # Make sure the closure is always called with grad enabled
        closure = torch.enable_grad()(closure)

        group = self.param_groups[0]
        lr = group["lr"]
        max_iter = group["max_iter"]
        max_eval = group["max_eval"]
        tolerance_grad = group["tolerance_grad"]
        tolerance_change = group["tolerance_change"]
        history_size = group["history_size"]

        state = self.state[self._params[0]]
        state.setdefault("func_evals", 0)
        state.setdefault("n_iter", 0)

        # evaluate initial f(x) and df/dx
        orig_loss = closure()
        loss = float(orig_loss)
        current_evals = 1
        state["func_evals"] += 1

        flat_grad = self._gather_flat_grad()
        opt_cond = flat_grad.abs().max() <= tolerance_grad

        # optimal condition
        if opt_cond:
            return orig_loss

        # tensors cached in state; CHANGE 1: the last displacement s
        # replaces torch's d and t
        s = state.get("s")
        old_dirs = state.get("old_dirs")
        old_stps = state.get("old_stps")
        ro = state.get("ro")
        H_diag = state.get("H_diag")
        prev_flat_grad = state.get("prev_flat_grad")
        prev_loss = state.get("prev_loss")

        n_iter = 0
        # optimize for a max of max_iter iterations
        while n_iter < max_iter:
            # keep track of nb of iterations
            n_iter += 1
            state["n_iter"] += 1

            # compute gradient descent direction
            if state["n_iter"] == 1:
                d = flat_grad.neg()
                old_dirs = []
                old_stps = []
                ro = []
                H_diag = 1
            else:
                # do lbfgs update (update memory); CHANGE 1: s is the
                # displacement made, where torch has s = d.mul(t)
                y = flat_grad.sub(prev_flat_grad)
                ys = y.dot(s)  # y*s
                if ys > 1e-10:
                    # updating memory
                    if len(old_dirs) == history_size:
                        # shift history by one (limited-memory)
                        old_dirs.pop(0)
                        old_stps.pop(0)
                        ro.pop(0)

                    # store new direction/step
                    old_dirs.append(y)
                    old_stps.append(s)
                    ro.append(1. / ys)

                    # update scale of initial Hessian approximation
                    H_diag = ys / y.dot(y)  # (y*y)

                # compute the approximate (L-BFGS) inverse Hessian
                # multiplied by the gradient
                num_old = len(old_dirs)

                if "al" not in state:
                    state["al"] = [None] * history_size
                al = state["al"]

                # iteration in L-BFGS loop collapsed to use just one buffer
                q = flat_grad.neg()
                for i in range(num_old - 1, -1, -1):
                    al[i] = old_stps[i].dot(q) * ro[i]
                    q.add_(old_dirs[i], alpha=-al[i])

                # multiply by initial Hessian
                # r/d is the final direction
                d = r = torch.mul(q, H_diag)
                for i in range(num_old):
                    be_i = old_dirs[i].dot(r) * ro[i]
                    r.add_(old_stps[i], alpha=al[i] - be_i)

            if prev_flat_grad is None:
                prev_flat_grad = flat_grad.clone(memory_format=torch.contiguous_format)
            else:
                prev_flat_grad.copy_(flat_grad)
            prev_loss = loss

            # compute step length
            # reset initial guess for step size
            if state["n_iter"] == 1:
                t = min(1., 1. / flat_grad.abs().sum()) * lr
            else:
                t = lr

            # directional derivative
            gtd = flat_grad.dot(d)  # g * d

            # directional derivative is below tolerance
            if gtd > -tolerance_change:
                # CHANGE 1: x has not moved since prev_flat_grad was taken
                s = torch.zeros_like(flat_grad)
                break

            # no line search, simply move with fixed-step (CHANGE 1: projected)
            ls_func_evals = 0
            s = self._move(t, d)
            if n_iter != max_iter:
                # re-evaluate function only if not in last iteration
                # the reason we do this: in a stochastic setting,
                # no use to re-evaluate that function here
                with torch.enable_grad():
                    loss = float(closure())
                flat_grad = self._gather_flat_grad()
                opt_cond = flat_grad.abs().max() <= tolerance_grad
                ls_func_evals = 1

            # update func eval
            current_evals += ls_func_evals
            state["func_evals"] += ls_func_evals

            # check conditions
            if n_iter == max_iter:
                break

            if current_evals >= max_eval:
                break

            # optimal condition
            if opt_cond:
                break

            # lack of progress (CHANGE 1: the displacement made, not d.mul(t))
            if s.abs().max() <= tolerance_change:
                break

            if abs(loss - prev_loss) < tolerance_change:
                break

        state["s"] = s
        state["old_dirs"] = old_dirs
        state["old_stps"] = old_stps
        state["ro"] = ro
        state["H_diag"] = H_diag
        state["prev_flat_grad"] = prev_flat_grad
        state["prev_loss"] = prev_loss

        return orig_loss


# ---- the run ------------------------------------------------------------------

class Problem:
    """The article's setup: network, content features, style Grams."""

    def __init__(self, args, device):
        self.vgg19 = Vgg19(args.weights, device)
        self.weights = (args.content_weight, args.style_weight, args.tv_weight)

        base_image = load_image(args.content)
        style_images = [load_image(p) for p in args.style]
        # Let's resize both the images so they have the same shape.
        style_images = [
            s if s.size == base_image.size
            else s.resize((base_image.width, base_image.height))
            for s in style_images]

        self.start = time.perf_counter()
        vgg19 = self.vgg19
        self.base_tensor = normalize(to_tensor(base_image).to(device))
        vgg19(self.base_tensor.unsqueeze(0))
        self.b_content_features = [t.detach() for t in vgg19.content_layer_outputs]
        vgg19.clear()

        # The article starts from the content image.
        self.start_tensor = self.base_tensor
        if args.start:
            start_image = load_image(args.start)
            if start_image.size != base_image.size:
                raise SystemExit("--start must have the content's size")
            self.start_tensor = normalize(to_tensor(start_image).to(device))

        blend = args.style_blend or [1.0] * len(style_images)
        if len(blend) != len(style_images) or min(blend) < 0 or sum(blend) <= 0:
            raise SystemExit("--style-blend needs one weight >= 0 per style, "
                             "not all zero")
        n = len(style_images)
        region_masks = args.region_mask or ["none"] * n
        source_masks = args.source_mask or ["none"] * n
        if len(region_masks) != n or len(source_masks) != n:
            raise SystemExit("--region-mask and --source-mask: one per style")
        region_masks = [load_mask(p, base_image.size, device)
                        for p in region_masks]
        source_masks = [load_mask(p, s.size, device)
                        for p, s in zip(source_masks, style_images)]
        # The blend weighs the styles painted everywhere, normalised among
        # them; each style in a region adds its own term with weight 1.
        everywhere = sum(w for w, m in zip(blend, region_masks) if m is None)
        self.s_style_grams = None
        self.regions = []
        for style_image, w, region, source in zip(
                style_images, blend, region_masks, source_masks):
            vgg19(normalize(to_tensor(style_image).to(device)).unsqueeze(0))
            if source is None:
                grams = [gram_matrix(t.detach())
                         for t in vgg19.style_layer_outputs]
            else:
                grams = [guided_gram_matrix(t.detach(), m) for t, m in
                         zip(vgg19.style_layer_outputs, layer_masks(source))]
            vgg19.clear()
            if region is not None:
                self.regions.append((layer_masks(region), grams))
                continue
            if everywhere == 0:
                continue
            grams = [g * (w / everywhere) for g in grams]
            self.s_style_grams = grams if self.s_style_grams is None else [
                a + g for a, g in zip(self.s_style_grams, grams)]
        self.checked_relu = False

    def evaluate(self, output_tensor_):
        """Losses at output_tensor_ (normalised CHW, requires grad); fills
        output_tensor_.grad.  Returns floats (total, content, style, tv)."""
        output_tensor_.grad = None
        losses = loss_fn(self.vgg19, self.b_content_features,
                         self.s_style_grams, output_tensor_, self.weights,
                         self.regions)
        if not self.checked_relu:
            # The in-place ReLU has overwritten what the hooks kept.
            for t in (self.vgg19.content_layer_outputs
                      + self.vgg19.style_layer_outputs):
                assert t.min().item() >= 0.0, "hooked activations are pre-ReLU"
            self.checked_relu = True
        losses[0].backward()
        self.vgg19.clear()
        return tuple(float(v) for v in losses)


class Logger:
    def __init__(self, path, start):
        self.file = None
        if path == "-":
            self.file = sys.stdout
        elif path:
            self.file = open(path, "w")
        self.start = start
        self.evaluations = 0

    def log(self, losses):
        self.evaluations += 1
        total, content, style, tv = losses
        if self.evaluations == 1 or self.evaluations % 50 == 0:
            print(self.evaluations, total, file=sys.stderr)
        if self.file:
            self.file.write(json.dumps({
                "evaluation": self.evaluations, "total": total,
                "content": content, "style": style, "tv": tv,
                "seconds": time.perf_counter() - self.start, "scale": 1}) + "\n")
            self.file.flush()


def run_torch(problem, iterations, logger):
    """The article's optimisation loop, literally."""
    # Start with the input image
    output_tensor_ = problem.start_tensor.clone().detach()
    output_tensor_ = output_tensor_.requires_grad_()
    optimizer = optim.LBFGS([output_tensor_])
    run = [0]

    def step_fn():
        # The article's `output_tensor_.data.clamp(0, 1)` here returns a new
        # tensor and discards it: left out, nothing changes.
        losses = problem.evaluate(output_tensor_)
        logger.log(losses)
        run[0] += 1
        return losses[0]

    max_epochs = iterations
    while run[0] < max_epochs:
        optimizer.step(step_fn)
    return output_tensor_.detach()


def run_projected(problem, iterations, logger):
    """The engine's projected L-BFGS: exactly `iterations` evaluations; the
    result is the evaluated image with the lowest total loss."""
    output_tensor_ = problem.start_tensor.clone().detach().requires_grad_()
    lo, hi = pixel_bounds(output_tensor_)
    optimizer = ProjectedLBFGS([output_tensor_], lo, hi)
    best = [math.inf, None]

    def step_fn():
        if logger.evaluations == iterations:
            raise BudgetSpent()
        losses = problem.evaluate(output_tensor_)
        logger.log(losses)
        if losses[0] < best[0]:
            best[:] = [losses[0], output_tensor_.detach().clone()]
        return losses[0]

    try:
        while True:
            optimizer.step(step_fn)
    except BudgetSpent:
        pass
    return best[1]


def dump_initial(problem, path):
    """Losses and d(total)/d(pixel) (HWC, as the engine reports it) at the
    start image."""
    x = problem.start_tensor.clone().detach().requires_grad_()
    total, content, style, tv = problem.evaluate(x)
    # x = (pixel - mean) / std, so d/dpixel = d/dx / std
    grad = x.grad.div(_channel_view(STD, x.grad))
    np.savez(path, total=total, content=content, style=style, tv=tv,
             gradient=grad.permute(1, 2, 0).cpu().numpy())


def peak_memory_report(device):
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    line = f"peak RSS {rss_mib:.1f} MiB"
    if device.type == "cuda":
        line += f", peak CUDA {torch.cuda.max_memory_allocated() / 2**20:.1f} MiB"
    print(line, file=sys.stderr)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("content", help="content image")
    p.add_argument("style", nargs="+", help="style image(s)")
    p.add_argument("--style-blend", type=float, nargs="+",
                   help="blend weight per style (normalised to sum 1; "
                        "default equal)")
    p.add_argument("--region-mask", nargs="+", metavar="MASK",
                   help="per style, in order: a grey PNG of the content's "
                        "size where the style is painted, or 'none' for "
                        "everywhere")
    p.add_argument("--source-mask", nargs="+", metavar="MASK",
                   help="per style, in order: a grey PNG of the (resized) "
                        "style's size, the part to take the style from, or "
                        "'none' for all of it")
    p.add_argument("--weights", required=True,
                   help="VGG19 safetensors file (torchvision names)")
    p.add_argument("--iterations", type=int, default=350,
                   help="loss evaluations (the article's max_epochs)")
    p.add_argument("--content-weight", type=float, default=1.0)
    p.add_argument("--style-weight", type=float, default=1e6)
    p.add_argument("--tv-weight", type=float, default=0.0)
    p.add_argument("--optimizer", choices=("torch", "projected"),
                   default="torch",
                   help="torch: the article's loop with optim.LBFGS "
                        "(may overshoot --iterations by up to 19); "
                        "projected: the engine's projected L-BFGS")
    p.add_argument("--start", metavar="IMAGE",
                   help="start image, the content's size (default: the "
                        "content, as the article)")
    p.add_argument("-o", "--output", help="result image (PNG)")
    p.add_argument("--log-json", metavar="FILE",
                   help="one JSON object per evaluation ('-': stdout)")
    p.add_argument("--dump-initial", metavar="FILE",
                   help="write the losses and d(total)/d(pixel) at the "
                        "start image (.npz: total, content, style, tv, "
                        "gradient HxWx3) and exit")
    p.add_argument("--threads", type=int,
                   help="torch threads (default: torch's own default)")
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    problem = Problem(args, device)

    if args.dump_initial:
        dump_initial(problem, args.dump_initial)
    else:
        logger = Logger(args.log_json, problem.start)
        if args.optimizer == "torch":
            result = run_torch(problem, args.iterations, logger)
        else:
            result = run_projected(problem, args.iterations, logger)
        if args.output:
            save_image(result, args.output)
        print(f"{logger.evaluations} evaluations in "
              f"{time.perf_counter() - problem.start:.2f} s, "
              f"{torch.get_num_threads()} threads", file=sys.stderr)
    peak_memory_report(device)


if __name__ == "__main__":
    main()
