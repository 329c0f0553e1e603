namespace FedUnlearn.Testing;

public sealed partial class ManualTimeProvider
{
    /// <summary>A timer of the fake clock: armed in its owner's list, fired by <see cref="FireDueTimers"/>.</summary>
    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset DueAt { get; set; }

        public TimeSpan Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ValidateInterval(dueTime, nameof(dueTime));
            ValidateInterval(period, nameof(period));
            lock (owner._gate)
            {
                if (_disposed)
                {
                    return false;
                }

                owner._timers.Remove(this);
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner._now + dueTime;
                    owner._timers.Add(this);
                }
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                owner.TimerScheduled?.Invoke(dueTime);
            }

            if (dueTime == TimeSpan.Zero)
            {
                owner.FireDueTimers();
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                _disposed = true;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private static void ValidateInterval(TimeSpan value, string name)
        {
            if (value < TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(name, value, "A timer interval is zero or more, or Timeout.InfiniteTimeSpan.");
            }
        }
    }
}
