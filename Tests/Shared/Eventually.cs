using System.Diagnostics;
using System.Threading.Channels;

namespace Prepaid.Tests.Shared;

/// <summary>
/// The one way a test waits for something that happens on its own (a poller, a host, another process): it checks a
/// condition again and again, first every 10 ms and then less often (at most every 200 ms), until it holds or a
/// deadline passes, and then fails naming what it waited for. Tests never sleep: what a test can drive it drives with
/// a <c>FakeTimeProvider</c>; only what runs in real time (sockets, processes, live hosts) is waited for here.
/// Compiled into every test project (Tests/Directory.Build.props).
/// </summary>
internal static class Eventually
{
    /// <summary>How long a wait lasts unless the caller names its own deadline.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        ValueAsync(() => Task.FromResult(condition()), held => held, what, timeout);

    /// <summary>Waits until <paramref name="condition"/> (a query, say) holds.</summary>
    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        ValueAsync(condition, held => held, what, timeout);

    /// <summary>Reads <paramref name="probe"/> until its value is <paramref name="ready"/>, and returns that value.</summary>
    /// <remarks>A probe that returns a task fits this overload too when <paramref name="ready"/> would accept a task
    /// (<c>v =&gt; v is not null</c>): name the value's type then, <c>ValueAsync&lt;double?&gt;(...)</c>.</remarks>
    public static Task<T> ValueAsync<T>(Func<T> probe, Func<T, bool> ready, string what, TimeSpan? timeout = null) =>
        ValueAsync(() => Task.FromResult(probe()), ready, what, timeout);

    /// <summary>Reads <paramref name="probe"/> until its value is <paramref name="ready"/>, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> ready, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        var pause = FirstPause;
        while (true)
        {
            var value = await probe();
            if (ready(value))
            {
                return value;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Still waiting after {limit.TotalSeconds:0.#} s for: {what} (last seen: {value})");
            }

            await Task.Delay(pause);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    /// <summary>
    /// Reads <paramref name="reader"/> until an item <paramref name="match"/>es and returns it; every item read, the
    /// match included, is added to <paramref name="seen"/>.
    /// </summary>
    public static async Task<T> NextAsync<T>(ChannelReader<T> reader, Func<T, bool> match, string what, ICollection<T>? seen = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                var item = await reader.ReadAsync(deadline.Token);
                seen?.Add(item);
                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"Still waiting after {limit.TotalSeconds:0.#} s for: {what}");
        }
    }
}
