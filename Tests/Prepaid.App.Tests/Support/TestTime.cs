namespace Prepaid.App.Tests.Support;

/// <summary>
/// The instant the App tests' clocks start at unless a test names another: 2026-11-20 10:30 in the site's zone
/// (UTC+8), a Friday morning. A test's clock is a <c>FakeTimeProvider</c> started here, which moves (and fires its
/// timers) only when the test advances it; the demo template database is seeded at this instant too.
/// </summary>
internal static class TestTime
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 20, 2, 30, 0, TimeSpan.Zero);
}
