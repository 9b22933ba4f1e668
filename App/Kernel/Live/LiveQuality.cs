using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Live;

/// <summary>What a screen shows for a meter's data quality: a good value that has aged becomes stale.</summary>
public static class LiveQuality
{
    /// <summary>Age after which a good value is shown as stale (four 30-second poll periods).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public static ValueQuality Of(MeterSnapshot? snapshot, DateTimeOffset now) => snapshot switch
    {
        null => ValueQuality.CommLost,
        { Quality: ValueQuality.Good, LastGoodAt: { } at } when now - at > StaleAfter => ValueQuality.Stale,
        _ => snapshot.Quality,
    };
}
