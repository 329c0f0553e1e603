namespace FedUnlearn.Learning.Unlearning.Amnesiac;

/// <summary>
/// Registers <c>amnesiac</c>, which needs the client's own <see cref="AmnesiacLedger"/> and so is not
/// in <see cref="MethodRegistry.CreateDefault"/>: a node that records a ledger during training adds it
/// to its registry with <c>MethodRegistry.CreateDefault().AddAmnesiac(ledger)</c>.
/// </summary>
public static class AmnesiacRegistration
{
    /// <summary>Registers <c>amnesiac</c> over <paramref name="ledger"/>; returns the registry.</summary>
    public static MethodRegistry AddAmnesiac(this MethodRegistry registry, AmnesiacLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(ledger);
        return registry.Register(AmnesiacMethod.MethodName,
            "Subtract the stored updates of every training batch that held a forget sample (the client's amnesiac ledger).",
            o => new AmnesiacMethod(ledger, AmnesiacOptions.Read(o)));
    }

    /// <summary>
    /// Registers <c>amnesiac</c> in its federated form over a client's <paramref name="journal"/> (per-round
    /// ledgers; the server sends the round weights); returns the registry.
    /// </summary>
    public static MethodRegistry AddAmnesiac(this MethodRegistry registry, AmnesiacJournal journal)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(journal);
        return registry.Register(AmnesiacMethod.MethodName,
            "Subtract the stored updates of every training batch that held a forget sample, each round's weighted by the client's aggregation weight (the client's amnesiac journal).",
            o => new FederatedAmnesiacMethod(journal, FederatedAmnesiacOptions.Read(o, journal.Options.TopFraction)));
    }
}
