"""PyTorch reference modules for Facet's two networks, written from the project's own descriptions
(Sources/FacetPipeline/FacetPipeline.docc/Architectures.md, and "Network operations" in ExactOps.md).

Module and attribute names reproduce the released checkpoints' state_dict keys:
- BiSeNet as in face-parsing.PyTorch (`79999_iter.pth`, no spatial path): cp.resnet.*, cp.arm16/arm32,
  cp.conv_head32/16, cp.conv_avg, ffm.*, conv_out/conv_out16/conv_out32.
- IResNet as in insightface arcface_torch (r18...r200); the MXNet LResNet100E-IR differs only in BN eps (2e-5),
  the fixed gamma of `features` and the input normalization, selected by `mxnet=True`.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


# MARK: - BiSeNet


class ConvBNReLU(nn.Module):
    def __init__(self, cin, cout, k, p):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, 1, p, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if cin != cout or stride != 1:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        residual = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        shortcut = x if self.downsample is None else self.downsample(x)
        return F.relu(shortcut + residual)


class Resnet18(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        widths = [64, 64, 128, 256, 512]
        for i in range(1, 5):
            stride = 1 if i == 1 else 2
            setattr(self, f"layer{i}", nn.Sequential(
                BasicBlock(widths[i - 1], widths[i], stride), BasicBlock(widths[i], widths[i], 1)))

    def forward(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        x = self.layer1(x)
        feat8 = self.layer2(x)
        feat16 = self.layer3(feat8)
        feat32 = self.layer4(feat16)
        return feat8, feat16, feat32


class AttentionRefinementModule(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = ConvBNReLU(cin, cout, 3, 1)
        self.conv_atten = nn.Conv2d(cout, cout, 1, bias=False)
        self.bn_atten = nn.BatchNorm2d(cout)

    def forward(self, x):
        feat = self.conv(x)
        atten = F.avg_pool2d(feat, feat.size()[2:])
        atten = torch.sigmoid(self.bn_atten(self.conv_atten(atten)))
        return torch.mul(feat, atten)


class ContextPath(nn.Module):
    def __init__(self):
        super().__init__()
        self.resnet = Resnet18()
        self.arm16 = AttentionRefinementModule(256, 128)
        self.arm32 = AttentionRefinementModule(512, 128)
        self.conv_head32 = ConvBNReLU(128, 128, 3, 1)
        self.conv_head16 = ConvBNReLU(128, 128, 3, 1)
        self.conv_avg = ConvBNReLU(512, 128, 1, 0)

    def forward(self, x):
        feat8, feat16, feat32 = self.resnet(x)
        h8, w8 = feat8.size()[2:]
        h16, w16 = feat16.size()[2:]
        h32, w32 = feat32.size()[2:]
        avg = self.conv_avg(F.avg_pool2d(feat32, feat32.size()[2:]))
        avg_up = F.interpolate(avg, (h32, w32), mode="nearest")
        feat32_sum = self.arm32(feat32) + avg_up
        feat32_up = self.conv_head32(F.interpolate(feat32_sum, (h16, w16), mode="nearest"))
        feat16_sum = self.arm16(feat16) + feat32_up
        feat16_up = self.conv_head16(F.interpolate(feat16_sum, (h8, w8), mode="nearest"))
        return feat8, feat16_up, feat32_up


class FeatureFusionModule(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.convblk = ConvBNReLU(cin, cout, 1, 0)
        self.conv1 = nn.Conv2d(cout, cout // 4, 1, bias=False)
        self.conv2 = nn.Conv2d(cout // 4, cout, 1, bias=False)

    def forward(self, fsp, fcp):
        feat = self.convblk(torch.cat([fsp, fcp], dim=1))
        atten = F.avg_pool2d(feat, feat.size()[2:])
        atten = torch.sigmoid(self.conv2(F.relu(self.conv1(atten))))
        return torch.mul(feat, atten) + feat


class BiSeNetOutput(nn.Module):
    def __init__(self, cin, cmid, classes):
        super().__init__()
        self.conv = ConvBNReLU(cin, cmid, 3, 1)
        self.conv_out = nn.Conv2d(cmid, classes, 1, bias=False)

    def forward(self, x):
        return self.conv_out(self.conv(x))


class BiSeNet(nn.Module):
    def __init__(self, classes=19):
        super().__init__()
        self.cp = ContextPath()
        self.ffm = FeatureFusionModule(256, 256)
        self.conv_out = BiSeNetOutput(256, 256, classes)
        self.conv_out16 = BiSeNetOutput(128, 64, classes)
        self.conv_out32 = BiSeNetOutput(128, 64, classes)

    def forward(self, x):
        h, w = x.size()[2:]
        feat8, feat16_up, _ = self.cp(x)
        out = self.conv_out(self.ffm(feat8, feat16_up))
        return F.interpolate(out, (h, w), mode="bilinear", align_corners=True)


def bisenet_input(rgb_nhwc_uint8: torch.Tensor) -> torch.Tensor:
    """ToTensor then Normalize(ImageNet), in float32 and in that order."""
    x = rgb_nhwc_uint8.permute(0, 3, 1, 2).float().div(255)
    mean = torch.tensor([0.485, 0.456, 0.406], dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225], dtype=torch.float32).view(1, 3, 1, 1)
    return x.sub(mean).div(std)


# MARK: - IResNet

IRESNET_BLOCKS = {"r18": [2, 2, 2, 2], "r34": [3, 4, 6, 3], "r50": [3, 4, 14, 3], "r100": [3, 13, 30, 3],
                  "r200": [6, 26, 60, 6]}


class IBasicBlock(nn.Module):
    def __init__(self, cin, cout, stride, eps):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin, eps=eps)
        self.conv1 = nn.Conv2d(cin, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout, eps=eps)
        self.prelu = nn.PReLU(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout, eps=eps)
        self.downsample = None
        if cin != cout or stride != 1:
            self.downsample = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout, eps=eps))

    def forward(self, x):
        out = self.bn3(self.conv2(self.prelu(self.bn2(self.conv1(self.bn1(x))))))
        identity = x if self.downsample is None else self.downsample(x)
        return out + identity


class IResNet(nn.Module):
    def __init__(self, blocks, mxnet=False):
        super().__init__()
        eps = 2e-5 if mxnet else 1e-5
        self.mxnet = mxnet
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64, eps=eps)
        self.prelu = nn.PReLU(64)
        widths = [64, 64, 128, 256, 512]
        for i in range(1, 5):
            setattr(self, f"layer{i}", nn.Sequential(*[
                IBasicBlock(widths[i - 1] if b == 0 else widths[i], widths[i], 2 if b == 0 else 1, eps)
                for b in range(blocks[i - 1])]))
        self.bn2 = nn.BatchNorm2d(512, eps=eps)
        self.fc = nn.Linear(512 * 7 * 7, 512)
        self.features = nn.BatchNorm1d(512, eps=eps)

    def forward(self, x):
        x = self.prelu(self.bn1(self.conv1(x)))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = torch.flatten(self.bn2(x), 1)
        if self.mxnet:  # fc1 has fix_gamma=True: gamma is 1 whatever is stored
            f = self.features
            return F.batch_norm(self.fc(x), f.running_mean, f.running_var, torch.ones_like(f.weight), f.bias,
                                False, 0.0, f.eps)
        return self.features(self.fc(x))


def iresnet_input(rgb_nhwc_uint8: torch.Tensor, mxnet: bool) -> torch.Tensor:
    """arcface_torch: (p/255 - 0.5)/0.5 outside the net; MXNet: (p - 127.5)*0.0078125 inside the graph."""
    x = rgb_nhwc_uint8.permute(0, 3, 1, 2).float()
    if mxnet:
        return x.sub(127.5).mul(0.0078125)
    return x.div(255).sub(0.5).div(0.5)
