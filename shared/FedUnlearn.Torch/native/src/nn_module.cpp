// nn: helpers for modules. Kept apart from the core op files so that the nn layer can grow
// without touching them.
#include "shim.h"

// Module.to(dtype/device) swaps a parameter's data in place, as PyTorch's Module._apply does, so
// the C# Tensor object (held by optimizers) and its requires_grad flag survive the conversion.
FU_API int32_t fu_nn_set_data(TensorHandle t, TensorHandle data) { FU_STATUS_BODY(t->set_data(*data)) }
