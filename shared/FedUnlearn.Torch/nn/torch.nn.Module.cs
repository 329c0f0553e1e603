namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Base of every layer and model, shaped like PyTorch's <c>nn.Module</c>: named parameters,
        /// buffers and child modules registered explicitly in the constructor (no reflection), dotted
        /// names (<c>layers.0.weight</c>), train/eval mode, freezing, state dicts, dtype and device moves.
        /// <para>
        /// A module owns its parameters, buffers and children: <see cref="Dispose()"/> frees them all.
        /// Registered tensors are taken out of dispose scopes, so a model built inside
        /// <c>torch.NewDisposeScope()</c> outlives it. Parents must reach children through the registry
        /// (<see cref="Child{TModule}"/> or <see cref="get_submodule"/>), never a cached field, so that
        /// <see cref="replace_module"/> (used by LoRA injection) takes effect in <c>forward</c>.
        /// </para>
        /// </summary>
        public abstract partial class Module : IDisposable
        {
            private readonly OrderedDictionary<string, Tensor?> _parameters = new(StringComparer.Ordinal);
            private readonly OrderedDictionary<string, Tensor?> _buffers = new(StringComparer.Ordinal);
            private readonly HashSet<string> _nonPersistentBuffers = new(StringComparer.Ordinal);
            private readonly OrderedDictionary<string, Module> _modules = new(StringComparer.Ordinal);
            private bool _disposed;

            /// <summary>Whether the module is in training mode (dropout active); see <c>train()</c> and <c>eval()</c>.</summary>
            public bool training { get; private set; } = true;

            /// <summary>Whether <see cref="Dispose()"/> ran.</summary>
            public bool IsDisposed => _disposed;

            /// <summary>
            /// Registers (or, with null, declares absent) a parameter under <paramref name="name"/> and takes
            /// ownership: the tensor leaves its dispose scope and is freed with this module. Its
            /// <c>requires_grad</c> is kept as is (see <see cref="Parameter"/>). Returns the tensor.
            /// </summary>
            /// <exception cref="ArgumentException">Bad or taken name, or a tensor that is not a leaf of the graph.</exception>
            public Tensor? register_parameter(string name, Tensor? parameter)
            {
                CheckNewName(name);
                if (parameter is not null && !parameter.is_leaf)
                {
                    throw new ArgumentException(
                        $"Parameter '{name}' must be a leaf tensor (not the result of a recorded operation); create it under torch.no_grad() or call detach().",
                        nameof(parameter));
                }

                _parameters.Add(name, parameter?.DetachFromDisposeScope());
                return parameter;
            }

            /// <summary>
            /// Registers a buffer (state that is not trained, e.g. running statistics) and takes ownership.
            /// Persistent buffers are part of <see cref="state_dict"/>.
            /// </summary>
            /// <exception cref="ArgumentException">Bad or taken name.</exception>
            public Tensor? register_buffer(string name, Tensor? buffer, bool persistent = true)
            {
                CheckNewName(name);
                _buffers.Add(name, buffer?.DetachFromDisposeScope());
                if (!persistent)
                {
                    _nonPersistentBuffers.Add(name);
                }

                return buffer;
            }

            /// <summary>Registers a child module (its names get the prefix <c>name.</c>) and takes ownership. Returns it.</summary>
            /// <exception cref="ArgumentException">Bad or taken name, the module itself, or a disposed module.</exception>
            public TModule register_module<TModule>(string name, TModule module)
                where TModule : Module
            {
                ArgumentNullException.ThrowIfNull(module);
                CheckNewName(name);
                CheckChild(name, module);
                _modules.Add(name, module);
                return module;
            }

            /// <summary>
            /// Puts <paramref name="module"/> in the place of the child <paramref name="name"/> and returns the
            /// old child, which the caller now owns (dispose it unless it is reused).
            /// </summary>
            /// <exception cref="ArgumentException">No child has that name, or the module is invalid.</exception>
            public Module replace_module(string name, Module module)
            {
                ArgumentNullException.ThrowIfNull(module);
                if (!_modules.TryGetValue(name, out var old))
                {
                    throw new ArgumentException($"{GetType().Name} has no child module '{name}' to replace.", nameof(name));
                }

                CheckChild(name, module);
                _modules[name] = module;
                return old;
            }

            /// <summary>Frees every parameter, buffer and child module. Idempotent.</summary>
            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            /// <summary>Type name and child count, e.g. <c>Sequential(3 children)</c>.</summary>
            public override string ToString() => $"{GetType().Name}({_modules.Count} children, {_parameters.Count} parameters)";

            /// <summary>Frees owned tensors and children (when <paramref name="disposing"/>).</summary>
            protected virtual void Dispose(bool disposing)
            {
                if (_disposed || !disposing)
                {
                    return;
                }

                _disposed = true;
                foreach (var t in _parameters.Values)
                {
                    t?.Dispose();
                }

                foreach (var t in _buffers.Values)
                {
                    t?.Dispose();
                }

                foreach (var m in _modules.Values)
                {
                    m.Dispose();
                }
            }

            /// <summary>The registered parameter <paramref name="name"/> of this module (not of a child).</summary>
            /// <exception cref="KeyNotFoundException">No such parameter, or it is registered as absent.</exception>
            protected Tensor Param(string name) =>
                _parameters.TryGetValue(name, out var p) && p is not null
                    ? p
                    : throw new KeyNotFoundException($"{GetType().Name} has no parameter '{name}'.");

            /// <summary>The registered parameter <paramref name="name"/>, or null when it was registered as absent.</summary>
            protected Tensor? ParamOrNull(string name) => _parameters.TryGetValue(name, out var p) ? p : null;

            /// <summary>The registered child <paramref name="name"/>, as <typeparamref name="TModule"/>.</summary>
            /// <exception cref="KeyNotFoundException">No such child.</exception>
            /// <exception cref="InvalidCastException">The child has another type.</exception>
            protected TModule Child<TModule>(string name)
                where TModule : Module
            {
                if (!_modules.TryGetValue(name, out var m))
                {
                    throw new KeyNotFoundException($"{GetType().Name} has no child module '{name}'.");
                }

                return m as TModule ?? throw new InvalidCastException(
                    $"Child '{name}' of {GetType().Name} is a {m.GetType().Name}, not a {typeof(TModule).Name}.");
            }

            private void CheckNewName(string name)
            {
                ArgumentException.ThrowIfNullOrEmpty(name);
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (name.Contains('.', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Name '{name}' must not contain '.': dots separate the levels of dotted names.", nameof(name));
                }

                if (_parameters.ContainsKey(name) || _buffers.ContainsKey(name) || _modules.ContainsKey(name))
                {
                    throw new ArgumentException($"{GetType().Name} already has a parameter, buffer or module named '{name}'.", nameof(name));
                }
            }

            private void CheckChild(string name, Module module)
            {
                if (ReferenceEquals(module, this))
                {
                    throw new ArgumentException($"A module cannot be its own child ('{name}').", nameof(module));
                }

                ObjectDisposedException.ThrowIf(module._disposed, module);
            }
        }
    }
}
