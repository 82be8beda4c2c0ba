// A deliberate violation for the dependency-rule check's own test: ui/ including DCMTK and LibTorch.
#include <dcmtk/dcmdata/dcfilefo.h>
#include <torch/torch.h>
