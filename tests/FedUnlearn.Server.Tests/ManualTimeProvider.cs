namespace FedUnlearn.Server.Tests;

/// <summary>A clock that only moves when told (Microsoft.Extensions.Time.Testing is not restorable here).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
