namespace FedUnlearn.Torch.Modules;

/// <summary>
/// Runs its children in order, each on the previous one's output. Children are named "0", "1", ...
/// (or as given), so their parameters are <c>0.weight</c>, <c>2.bias</c>, ... Intermediate outputs are
/// freed as soon as the next child has consumed them (autograd keeps what backward needs).
/// </summary>
public sealed class Sequential : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Children named by position.</summary>
    public Sequential(params torch.nn.Module<Tensor, Tensor>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules)
        {
            append(m);
        }
    }

    /// <summary>Children with explicit names: <c>new Sequential(("fc1", fc1), ("act", act), ("head", head))</c>.</summary>
    public Sequential((string name, torch.nn.Module<Tensor, Tensor> module) first, params (string name, torch.nn.Module<Tensor, Tensor> module)[] rest)
        : this(rest.Prepend(first))
    {
    }

    /// <summary>Children with explicit names.</summary>
    public Sequential(IEnumerable<(string name, torch.nn.Module<Tensor, Tensor> module)> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var (name, m) in modules)
        {
            register_module(name, m);
        }
    }

    /// <summary>Number of children.</summary>
    public int Count => children().Count();

    /// <summary>The child at <paramref name="index"/>.</summary>
    public torch.nn.Module<Tensor, Tensor> this[int index] => (torch.nn.Module<Tensor, Tensor>)children().ElementAt(index);

    /// <summary>Adds a child at the end, named by its position. Returns this.</summary>
    public Sequential append(torch.nn.Module<Tensor, Tensor> module)
    {
        register_module(Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        return this;
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = input;
        foreach (var child in children())
        {
            var next = ((torch.nn.Module<Tensor, Tensor>)child).forward(current);
            if (!ReferenceEquals(current, input) && !ReferenceEquals(current, next))
            {
                current.Dispose();
            }

            current = next;
        }

        // Never hand the caller's own tensor back as a new result: an empty Sequential returns an alias.
        return ReferenceEquals(current, input) ? input.alias() : current;
    }
}
