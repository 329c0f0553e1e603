// Common declarations of the C ABI shim: opaque handles, error capture, small conversions.
// Every exported function is `extern "C"`, never lets a C++ exception escape (it is stored as a
// thread-local message that C# reads with fu_last_error), and signals failure by a null handle or
// a non-zero status.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <string>

#define FU_API extern "C" __attribute__((visibility("default")))

using Tensor = at::Tensor;
using TensorHandle = at::Tensor*;

namespace fu {

void set_error(const char* message);

// Wraps a freshly computed tensor into a heap handle owned by C# (freed by fu_tensor_free).
inline TensorHandle wrap(at::Tensor&& t) { return new at::Tensor(std::move(t)); }
inline TensorHandle wrap(const at::Tensor& t) { return new at::Tensor(t); }

inline at::IntArrayRef dims(const int64_t* data, int64_t length) {
    return at::IntArrayRef(data, static_cast<size_t>(length));
}

// A scalar from C#: the double, or the exact 64-bit integer when is_int is set (so that int64
// tensors keep their dtype instead of promoting to float).
inline at::Scalar scalar(double value, int64_t int_value, int32_t is_int) {
    return is_int ? at::Scalar(int_value) : at::Scalar(value);
}

inline c10::optional<at::Tensor> optional(TensorHandle h) {
    return h ? c10::optional<at::Tensor>(*h) : c10::nullopt;
}

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index);

}  // namespace fu

// The catch clauses shared by every exported function. c10::Error carries a C++ backtrace in
// what(); C# users get the message only.
#define FU_CATCH(failure)                                                   \
    catch (const c10::Error& e) { fu::set_error(e.what_without_backtrace()); } \
    catch (const std::exception& e) { fu::set_error(e.what()); }              \
    catch (...) { fu::set_error("unknown native error in libtorch shim"); }   \
    return failure;

#define FU_TENSOR_BODY(...)                \
    try { return fu::wrap(__VA_ARGS__); }  \
    FU_CATCH(nullptr)

#define FU_STATUS_BODY(...)          \
    try { __VA_ARGS__; return 0; }  \
    FU_CATCH(1)
