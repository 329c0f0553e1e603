namespace FedUnlearn.Testing.Tests;

/// <summary>The fake clock every test project's timing tests rely on: it must be exact, or they prove nothing.</summary>
public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Constructor_NoStart_BeginsAtDefaultStart()
    {
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new ManualTimeProvider().GetUtcNow());
    }

    [Fact]
    public void Advance_MovesNowAndTimestampsTogether()
    {
        var clock = new ManualTimeProvider(Start);
        long before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(Start.AddSeconds(90), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), clock.GetElapsedTime(before));
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var clock = new ManualTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public void SetUtcNow_Forward_FiresTimersDueByThen()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);

        clock.SetUtcNow(Start.AddMinutes(4));
        Assert.Equal(0, fired);
        clock.SetUtcNow(Start.AddMinutes(5));

        Assert.Equal(1, fired);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void SetUtcNow_Backwards_ThrowsAndKeepsTime()
    {
        var clock = new ManualTimeProvider(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(Start.AddTicks(-1)));
        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public void Advance_OneTickEarly_TimerStillPending()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));

        Assert.Equal(0, fired);
        Assert.True(clock.HasTimerDueIn(TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Advance_SeveralTimersDue_FiresInDueOrderAfterTheClockMoved()
    {
        var clock = new ManualTimeProvider(Start);
        var seen = new List<(string Name, DateTimeOffset At)>();
        using ITimer late = clock.CreateTimer(_ => seen.Add(("late", clock.GetUtcNow())), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using ITimer early = clock.CreateTimer(_ => seen.Add(("early", clock.GetUtcNow())), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([("early", Start.AddSeconds(5)), ("late", Start.AddSeconds(5))], seen);
    }

    [Fact]
    public void Advance_PeriodicTimer_FiresOncePerPeriodPassed()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6)); // due at 1, 3, 5
        Assert.Equal(3, fired);
        clock.Advance(TimeSpan.FromSeconds(1)); // 7
        Assert.Equal(4, fired);
    }

    [Fact]
    public void Advance_TimerArmedByACallback_StartsFromTheNewTime()
    {
        var clock = new ManualTimeProvider(Start);
        ITimer? second = null;
        int secondFired = 0;
        using ITimer first = clock.CreateTimer(
            _ => second = clock.CreateTimer(_ => secondFired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan),
            null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, secondFired);
        Assert.True(clock.HasTimerDueIn(TimeSpan.FromSeconds(1)));
        second!.Dispose();
    }

    [Fact]
    public void CreateTimer_DueNow_FiresAtOnce()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;

        using ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_AfterDispose_ReturnsFalseAndNeverFires()
    {
        var clock = new ManualTimeProvider(Start);
        int fired = 0;
        ITimer timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Dispose();
        bool changed = timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(changed);
        Assert.Equal(0, fired);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void TimerScheduled_RaisedWithTheDueTime()
    {
        var clock = new ManualTimeProvider(Start);
        var scheduled = new List<TimeSpan>();
        clock.TimerScheduled += scheduled.Add;

        using ITimer timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(7), Timeout.InfiniteTimeSpan);
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Assert.Equal([TimeSpan.FromSeconds(7)], scheduled);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task TaskDelay_CompletesOnlyWhenAdvancedPastTheDelay()
    {
        var clock = new ManualTimeProvider(Start);
        Task delay = Task.Delay(TimeSpan.FromSeconds(30), clock);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
