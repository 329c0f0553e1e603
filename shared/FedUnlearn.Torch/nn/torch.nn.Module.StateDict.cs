namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// Parameters and persistent buffers by dotted name, in <see cref="named_parameters"/> order then
            /// buffers per module (as PyTorch). Values are detached tensors sharing the module's storage: they
            /// see later updates, never require grad, and are the caller's (or the current dispose scope's)
            /// to dispose; disposing them leaves the module intact.
            /// </summary>
            public OrderedDictionary<string, Tensor> state_dict()
            {
                var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
                foreach (var (name, tensor) in StateEntries())
                {
                    result.Add(name, tensor.detach());
                }

                return result;
            }

            /// <summary>
            /// Copies values from <paramref name="stateDict"/> into this module's parameters and persistent
            /// buffers (under no_grad, converting dtype and device as needed). Everything is checked before
            /// anything is copied: on any error the module is unchanged. Shapes must always match; with
            /// <paramref name="strict"/>, the keys must also match exactly.
            /// </summary>
            /// <returns>The keys missing from the dict and the unexpected keys (both empty when strict succeeds).</returns>
            /// <exception cref="StateDictLoadException">Missing or unexpected keys (strict), or shape mismatches; the
            /// message and the exception's properties name every offending key.</exception>
            public LoadStateDictResult load_state_dict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true) =>
                LoadInto(StateEntries().ToList(), stateDict, strict);

            /// <summary>Named parameters followed by persistent buffers: the state dict's entries, owned by the module.</summary>
            internal IEnumerable<(string name, Tensor tensor)> StateEntries()
            {
                foreach (var (prefix, module) in Walk(recurse: true))
                {
                    foreach (var (name, p) in module._parameters)
                    {
                        if (p is not null)
                        {
                            yield return (prefix + name, p);
                        }
                    }

                    foreach (var (name, b) in module._buffers)
                    {
                        if (b is not null && !module._nonPersistentBuffers.Contains(name))
                        {
                            yield return (prefix + name, b);
                        }
                    }
                }
            }

            /// <summary>Validates then copies <paramref name="source"/> into <paramref name="targets"/> (the shared core of state-dict and adapter loading).</summary>
            internal LoadStateDictResult LoadInto(IReadOnlyList<(string name, Tensor tensor)> targets, IReadOnlyDictionary<string, Tensor> source, bool strict)
            {
                ArgumentNullException.ThrowIfNull(source);
                var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
                foreach (var (name, value) in source)
                {
                    shapes[name] = value?.shape ?? throw new ArgumentException($"The state dict holds null for '{name}'.", nameof(source));
                }

                var result = CheckFits(targets, shapes, strict);
                using (no_grad())
                {
                    foreach (var (name, tensor) in targets)
                    {
                        if (source.TryGetValue(name, out var value))
                        {
                            tensor.copy_(value);
                        }
                    }
                }

                return result;
            }

            /// <summary>
            /// Compares the module's <paramref name="targets"/> with the names and shapes offered; throws
            /// <see cref="StateDictLoadException"/> naming every mis-shaped key (always) and every missing or
            /// unexpected key (when <paramref name="strict"/>).
            /// </summary>
            internal LoadStateDictResult CheckFits(IReadOnlyList<(string name, Tensor tensor)> targets, IReadOnlyDictionary<string, long[]> offered, bool strict)
            {
                var known = new HashSet<string>(targets.Select(t => t.name), StringComparer.Ordinal);
                var missing = targets.Where(t => !offered.ContainsKey(t.name)).Select(t => t.name).ToList();
                var unexpected = offered.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
                var mismatched = new List<ShapeMismatch>();
                foreach (var (name, tensor) in targets)
                {
                    if (offered.TryGetValue(name, out var actual))
                    {
                        var expected = tensor.shape;
                        if (!expected.AsSpan().SequenceEqual(actual))
                        {
                            mismatched.Add(new ShapeMismatch(name, expected, actual));
                        }
                    }
                }

                if (mismatched.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
                {
                    throw new StateDictLoadException(GetType().Name, strict ? missing : [], strict ? unexpected : [], mismatched);
                }

                return new LoadStateDictResult(missing, unexpected);
            }
        }
    }
}
