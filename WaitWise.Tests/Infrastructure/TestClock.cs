namespace WaitWise.Tests.Infrastructure;

/// <summary>A clock the test sets, forwards or backwards (FakeTimeProvider refuses to go back in time).</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
