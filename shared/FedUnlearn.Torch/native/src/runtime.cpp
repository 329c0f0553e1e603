// Process-wide runtime: error capture, one-time initialisation (BLAS threads), seeding, threads,
// devices. Why BLAS threads are pinned: see fu_init.
#include "shim.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>

#include <cstdlib>
#include <dlfcn.h>

namespace {
thread_local std::string last_error;
}

void fu::set_error(const char* message) { last_error = message ? message : "unknown error"; }

at::TensorOptions fu::options(int32_t dtype, int32_t device_type, int32_t device_index) {
    auto device = at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
    return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)).device(device);
}

FU_API const char* fu_last_error() { return last_error.c_str(); }

FU_API void fu_tensor_free(TensorHandle h) { delete h; }

namespace {
using set_threads_fn = void (*)(int);

// Looks the OpenBLAS thread setter up in whatever is already loaded (libtorch links libblas.so.3,
// which Debian points at OpenBLAS when libopenblas0-pthread is installed). RTLD_NOLOAD: never load
// a BLAS that libtorch does not use.
set_threads_fn find_openblas_setter() {
    if (auto f = reinterpret_cast<set_threads_fn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) return f;
    for (const char* name : {"libopenblas.so.0", "libblas.so.3", "libopenblas.so"}) {
        if (void* lib = dlopen(name, RTLD_LAZY | RTLD_NOLOAD)) {
            auto f = reinterpret_cast<set_threads_fn>(dlsym(lib, "openblas_set_num_threads"));
            dlclose(lib);
            if (f) return f;
        }
    }
    return nullptr;
}
}  // namespace

// Returns 1 when OpenBLAS was found and pinned to one thread, 0 otherwise.
// OpenBLAS's own pthread pool plus libtorch's OpenMP intra-op pool oversubscribe small machines
// (PyTorch on 2 cores: an AdamW MLP step takes 9.9 ms with threaded OpenBLAS, 2.0 ms with one BLAS
// thread). OPENBLAS_NUM_THREADS is read by OpenBLAS when it loads, before .NET can set it, so the
// shim sets the count itself, unless the user chose one explicitly in the environment.
FU_API int32_t fu_init() {
    try {
        int32_t pinned = 0;
        if (!std::getenv("OPENBLAS_NUM_THREADS")) {
            if (auto setter = find_openblas_setter()) {
                setter(1);
                pinned = 1;
            }
        }
        return pinned;
    }
    FU_CATCH(-1)
}

FU_API int32_t fu_manual_seed(uint64_t seed) {
    FU_STATUS_BODY({
        at::manual_seed(seed);
        // cuDNN: pick deterministic kernels (no cost on CPU, small cost on GPU).
        at::globalContext().setDeterministicCuDNN(true);
        at::globalContext().setBenchmarkCuDNN(false);
    })
}

FU_API int32_t fu_set_num_threads(int32_t n) { FU_STATUS_BODY(at::set_num_threads(n)) }

FU_API int32_t fu_get_num_threads() {
    try { return at::get_num_threads(); }
    FU_CATCH(-1)
}

FU_API int32_t fu_cuda_is_available() {
    try { return torch::cuda::is_available() ? 1 : 0; }
    FU_CATCH(0)
}

FU_API int32_t fu_cuda_device_count() {
    try { return static_cast<int32_t>(torch::cuda::device_count()); }
    FU_CATCH(0)
}

FU_API int32_t fu_cuda_synchronize(int32_t device_index) {
    FU_STATUS_BODY(torch::cuda::synchronize(device_index))
}
