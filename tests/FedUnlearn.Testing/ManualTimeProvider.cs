namespace FedUnlearn.Testing;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/> or <see cref="SetUtcNow"/>; timers
/// created through it (<c>Task.Delay</c>, <c>CancellationTokenSource</c>, Polly) fire then, in due order.
/// </summary>
/// <remarks>
/// The clock moves to its target before any callback runs, so a timer armed by a callback starts from
/// the new time and never fires within the same advance. Timestamps are UTC ticks, so
/// <see cref="TimeProvider.GetElapsedTime(long)"/> measures fake time too.
/// </remarks>
public sealed partial class ManualTimeProvider : TimeProvider
{
    /// <summary>Where a clock made without a start time begins: 2025-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    /// <summary>A clock starting at <see cref="DefaultStart"/>.</summary>
    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    /// <summary>A clock starting at <paramref name="start"/>.</summary>
    public ManualTimeProvider(DateTimeOffset start) => _now = start;

    /// <summary>Raised (outside the lock) whenever a timer is armed, with its due time: lets a test advance exactly past a delay.</summary>
    public event Action<TimeSpan>? TimerScheduled;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are waiting (lets a test know a delay has been scheduled).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>True when a timer is armed to fire exactly <paramref name="due"/> from now.</summary>
    public bool HasTimerDueIn(TimeSpan due)
    {
        lock (_gate)
        {
            return _timers.Any(t => t.DueAt - _now == due);
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="by"/> and fires every timer now due.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative: time does not go back.</exception>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _now += by;
        }

        FireDueTimers();
    }

    /// <summary>Moves the clock forward to <paramref name="value"/> and fires every timer now due.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is before the current time.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The clock is at {_now:O} and does not go back.");
            }

            _now = value;
        }

        FireDueTimers();
    }

    /// <summary>Fires due timers one at a time, earliest first; a periodic timer fires once per period passed.</summary>
    private void FireDueTimers()
    {
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.DueAt <= _now).MinBy(t => t.DueAt);
                if (next is null)
                {
                    return;
                }

                _timers.Remove(next);
                if (next.Period > TimeSpan.Zero)
                {
                    next.DueAt += next.Period;
                    _timers.Add(next);
                }
            }

            // Outside the lock: a callback may arm, change or dispose timers.
            next.Fire();
        }
    }
}
