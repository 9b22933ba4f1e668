using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// Demand of a meter at an instant: rated demand x the daily shape x a noise of +-10 % that depends only on the
/// seed, the meter's key and the minute, so a run is reproducible whatever order meters are updated in.
/// </summary>
public sealed class LoadModel(int seed, TimeZoneInfo zone)
{
    private readonly TimeZoneInfo _zone = zone ?? throw new ArgumentNullException(nameof(zone));

    /// <summary>Demand (kW or m3/h) of <paramref name="load"/> for the meter <paramref name="key"/> at <paramref name="at"/>.</summary>
    public decimal DemandAt(MeterLoad load, string key, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(load);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime);
        var shape = load.Kind switch
        {
            LoadKind.Tenant => LoadShapes.Tenant(load.Business ?? BusinessType.Retail, local),
            LoadKind.Public => LoadShapes.Public(load.PublicLoad ?? PublicLoadType.Lighting, local),
            _ => 0m,
        };
        if (shape == 0m)
        {
            return 0m;
        }

        var minute = at.UtcTicks / TimeSpan.TicksPerMinute;
        var noise = (Hash(seed, key, minute) % 2001 - 1000) / 10000m;
        return decimal.Round(load.RatedDemand * shape * (1m + noise), 3);
    }

    private static long Hash(int seed, string key, long minute)
    {
        // FNV-1a over the key, mixed with seed and minute by SplitMix64: stable across processes, unlike string.GetHashCode.
        var h = 14695981039346656037UL;
        foreach (var c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        var z = h ^ ((ulong)seed << 32) ^ (ulong)minute;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (long)(z & long.MaxValue);
    }
}
