namespace FedUnlearn.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public abstract partial class Module
        {
            /// <summary>
            /// Parameters with dotted names (<c>layers.0.weight</c>) in registration order, depth first;
            /// a tensor shared by two modules is listed once. With <paramref name="trainableOnly"/>, only
            /// those that require grad (what an optimizer should update).
            /// </summary>
            public IEnumerable<(string name, Tensor parameter)> named_parameters(bool recurse = true, bool trainableOnly = false)
            {
                var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
                foreach (var (prefix, module) in Walk(recurse))
                {
                    foreach (var (name, p) in module._parameters)
                    {
                        if (p is not null && seen.Add(p) && (!trainableOnly || p.requires_grad))
                        {
                            yield return (prefix + name, p);
                        }
                    }
                }
            }

            /// <summary>The tensors of <see cref="named_parameters"/> (owned by this module: do not dispose them).</summary>
            public IEnumerable<Tensor> parameters(bool recurse = true, bool trainableOnly = false) =>
                named_parameters(recurse, trainableOnly).Select(p => p.parameter);

            /// <summary>Buffers with dotted names, in registration order, depth first.</summary>
            public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
            {
                foreach (var (prefix, module) in Walk(recurse))
                {
                    foreach (var (name, b) in module._buffers)
                    {
                        if (b is not null)
                        {
                            yield return (prefix + name, b);
                        }
                    }
                }
            }

            /// <summary>The tensors of <see cref="named_buffers"/>.</summary>
            public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(b => b.buffer);

            /// <summary>Direct children with their names, in registration order.</summary>
            public IEnumerable<(string name, Module module)> named_children() =>
                _modules.Select(kv => (kv.Key, kv.Value));

            /// <summary>Direct children, in registration order.</summary>
            public IEnumerable<Module> children() => _modules.Values;

            /// <summary>This module (name "") and every descendant with its dotted name, depth first.</summary>
            public IEnumerable<(string name, Module module)> named_modules() =>
                Walk(recurse: true).Select(w => (w.prefix.TrimEnd('.'), w.module));

            /// <summary>This module and every descendant, depth first.</summary>
            public IEnumerable<Module> modules() => Walk(recurse: true).Select(w => w.module);

            /// <summary>The descendant at a dotted path (<c>blocks.0.attn.q_proj</c>); "" is this module.</summary>
            /// <exception cref="KeyNotFoundException">Some level of the path does not exist; the message names it.</exception>
            public Module get_submodule(string target)
            {
                ArgumentNullException.ThrowIfNull(target);
                var module = this;
                if (target.Length == 0)
                {
                    return module;
                }

                var path = "";
                foreach (var part in target.Split('.'))
                {
                    if (!module._modules.TryGetValue(part, out var child))
                    {
                        throw new KeyNotFoundException($"{(path.Length == 0 ? GetType().Name : path)} has no child module '{part}' (looking up '{target}').");
                    }

                    path = path.Length == 0 ? part : $"{path}.{part}";
                    module = child;
                }

                return module;
            }

            /// <summary>The parameter at a dotted path (<c>fc1.weight</c>).</summary>
            /// <exception cref="KeyNotFoundException">No such module or parameter.</exception>
            public Tensor get_parameter(string target)
            {
                ArgumentException.ThrowIfNullOrEmpty(target);
                var dot = target.LastIndexOf('.');
                var owner = dot < 0 ? this : get_submodule(target[..dot]);
                var name = dot < 0 ? target : target[(dot + 1)..];
                return owner._parameters.TryGetValue(name, out var p) && p is not null
                    ? p
                    : throw new KeyNotFoundException($"No parameter '{target}' in {GetType().Name}.");
            }

            // Depth-first pre-order walk yielding each module with its name prefix ("" or "a.b.").
            private IEnumerable<(string prefix, Module module)> Walk(bool recurse)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                yield return ("", this);
                if (!recurse)
                {
                    yield break;
                }

                var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance) { this };
                var stack = new Stack<(string prefix, Module module)>();
                PushChildren(stack, "", this);
                while (stack.Count > 0)
                {
                    var (prefix, module) = stack.Pop();
                    if (!seen.Add(module))
                    {
                        continue;
                    }

                    yield return (prefix, module);
                    PushChildren(stack, prefix, module);
                }
            }

            private static void PushChildren(Stack<(string prefix, Module module)> stack, string prefix, Module module)
            {
                // Reverse so that the first registered child is visited first.
                foreach (var (name, child) in module._modules.Reverse())
                {
                    stack.Push(($"{prefix}{name}.", child));
                }
            }
        }
    }
}
