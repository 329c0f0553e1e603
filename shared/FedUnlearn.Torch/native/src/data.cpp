// Moving data across the boundary (copy in, copy out, item) and reading tensor metadata.
#include "shim.h"

#include <cstring>

FU_API TensorHandle fu_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int64_t ndim,
                                        int32_t dtype, int32_t device_type, int32_t device_index, int32_t requires_grad) {
    try {
        // Copied once into memory libtorch owns: C# may move or free its array right after the call.
        auto t = at::empty(fu::dims(shape, ndim), at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
        TORCH_CHECK(static_cast<int64_t>(t.nbytes()) == nbytes, "data holds ", nbytes, " bytes but shape ",
                    t.sizes(), " of ", t.scalar_type(), " needs ", t.nbytes());
        if (nbytes > 0) std::memcpy(t.data_ptr(), data, static_cast<size_t>(nbytes));
        auto device = at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
        if (!device.is_cpu()) t = t.to(device);
        if (requires_grad) t.requires_grad_(true);
        return fu::wrap(std::move(t));
    }
    FU_CATCH(nullptr)
}

FU_API int32_t fu_tensor_copy_to(TensorHandle h, void* dst, int64_t nbytes) {
    FU_STATUS_BODY({
        auto t = h->detach();
        if (!t.device().is_cpu()) t = t.to(at::kCPU);
        t = t.contiguous();
        TORCH_CHECK(static_cast<int64_t>(t.nbytes()) == nbytes, "destination holds ", nbytes,
                    " bytes but the tensor has ", t.nbytes());
        if (nbytes > 0) std::memcpy(dst, t.data_ptr(), static_cast<size_t>(nbytes));
    })
}

// Overwrites the tensor's values (any device) from host memory of the same dtype and element count;
// not recorded by autograd, so parameters can be loaded in place.
FU_API int32_t fu_tensor_copy_from(TensorHandle h, const void* src, int64_t nbytes) {
    FU_STATUS_BODY({
        TORCH_CHECK(static_cast<int64_t>(h->nbytes()) == nbytes, "source holds ", nbytes,
                    " bytes but the tensor needs ", h->nbytes());
        auto blob = at::from_blob(const_cast<void*>(src), h->sizes(), h->options().device(at::kCPU).requires_grad(false));
        at::NoGradGuard no_grad;
        h->copy_(blob);
    })
}

FU_API int32_t fu_tensor_item_double(TensorHandle h, double* out) { FU_STATUS_BODY(*out = h->item<double>()) }

FU_API int32_t fu_tensor_item_long(TensorHandle h, int64_t* out) { FU_STATUS_BODY(*out = h->item<int64_t>()) }

FU_API TensorHandle fu_tensor_to(TensorHandle h, int32_t dtype, int32_t device_type, int32_t device_index, int32_t copy) {
    try {
        auto dt = dtype < 0 ? h->scalar_type() : static_cast<at::ScalarType>(dtype);
        auto dev = device_type < 0 ? h->device()
                                   : at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
        return fu::wrap(h->to(dev, dt, /*non_blocking=*/false, copy != 0));
    }
    FU_CATCH(nullptr)
}

FU_API TensorHandle fu_tensor_alias(TensorHandle h) { FU_TENSOR_BODY(*h) }

FU_API int64_t fu_tensor_dim(TensorHandle h) { return h->dim(); }

FU_API int64_t fu_tensor_numel(TensorHandle h) { return h->numel(); }

FU_API int32_t fu_tensor_dtype(TensorHandle h) { return static_cast<int32_t>(h->scalar_type()); }

FU_API int32_t fu_tensor_is_contiguous(TensorHandle h) { return h->is_contiguous() ? 1 : 0; }

// Writes min(dim, capacity) sizes and returns dim.
FU_API int64_t fu_tensor_sizes(TensorHandle h, int64_t* out, int64_t capacity) {
    auto sizes = h->sizes();
    for (int64_t i = 0; i < capacity && i < static_cast<int64_t>(sizes.size()); ++i) out[i] = sizes[i];
    return static_cast<int64_t>(sizes.size());
}

FU_API int64_t fu_tensor_strides(TensorHandle h, int64_t* out, int64_t capacity) {
    auto strides = h->strides();
    for (int64_t i = 0; i < capacity && i < static_cast<int64_t>(strides.size()); ++i) out[i] = strides[i];
    return static_cast<int64_t>(strides.size());
}

FU_API void fu_tensor_device(TensorHandle h, int32_t* type, int32_t* index) {
    *type = static_cast<int32_t>(h->device().type());
    *index = h->device().index();
}
