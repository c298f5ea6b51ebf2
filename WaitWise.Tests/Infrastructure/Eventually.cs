namespace WaitWise.Tests.Infrastructure;

/// <summary>Waits on a condition with a deadline, for state a page or a worker changes after the step that caused it.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not so in time: {what}.");
            await Task.Delay(20);
        }
    }
}
