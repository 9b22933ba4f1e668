using Prepaid.Domain.Model;

namespace Prepaid.Domain.Alarms;

/// <summary>One serial bus and the meters on it, for suppression logic.</summary>
/// <param name="BusId">The bus.</param>
/// <param name="MeterIds">The meters wired to it.</param>
public sealed record BusTopology(int BusId, IReadOnlyList<int> MeterIds);

/// <summary>One gateway and its buses, for suppression logic.</summary>
/// <param name="GatewayId">The gateway.</param>
/// <param name="Buses">Its serial buses.</param>
public sealed record GatewayTopology(int GatewayId, IReadOnlyList<BusTopology> Buses);

/// <summary>
/// Suppression by design: a gateway that does not answer is one gateway communication alarm, and the
/// communication alarms of its buses and meters are suppressed (not annunciated) while it is lost. Other
/// conditions of those meters are not suppressed.
/// </summary>
public static class SuppressionRules
{
    /// <summary>The suppressing-source text used for a lost gateway, for example <c>Gateway/3</c>.</summary>
    public static string GatewaySource(int gatewayId) => new AlarmSource(AlarmSourceKind.Gateway, gatewayId).ToString();

    /// <summary>Converts the configured gateways (with their buses and meters loaded) to a topology.</summary>
    public static IReadOnlyList<GatewayTopology> FromModel(IEnumerable<Gateway> gateways)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        return gateways
            .Select(g => new GatewayTopology(g.Id, g.Buses.Select(b => new BusTopology(b.Id, b.Meters.Select(m => m.Id).ToArray())).ToArray()))
            .ToArray();
    }

    /// <summary>
    /// The communication alarms that are suppressed by design when <paramref name="lostGatewayIds"/> are lost,
    /// each with its suppressing source.
    /// </summary>
    public static IReadOnlyDictionary<AlarmKey, string> Suppressed(IEnumerable<GatewayTopology> topology, IEnumerable<int> lostGatewayIds)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(lostGatewayIds);
        var lost = lostGatewayIds.ToHashSet();
        var result = new Dictionary<AlarmKey, string>();
        foreach (var gateway in topology.Where(g => lost.Contains(g.GatewayId)))
        {
            var source = GatewaySource(gateway.GatewayId);
            foreach (var bus in gateway.Buses)
            {
                result[new AlarmKey(AlarmSourceKind.Bus, bus.BusId, AlarmCondition.CommunicationLost)] = source;
                foreach (var meter in bus.MeterIds)
                {
                    result[new AlarmKey(AlarmSourceKind.Meter, meter, AlarmCondition.CommunicationLost)] = source;
                }
            }
        }

        return result;
    }

    /// <summary>
    /// The suppress and unsuppress events that take alarms from the suppression set <paramref name="before"/>
    /// to <paramref name="after"/> (both as returned by <see cref="Suppressed"/>), at <paramref name="at"/>.
    /// Unsuppress events come first so that a moved meter is released by its old gateway before the new one.
    /// </summary>
    public static IReadOnlyList<(AlarmKey Key, AlarmEvent Event)> Changes(
        IReadOnlyDictionary<AlarmKey, string> before, IReadOnlyDictionary<AlarmKey, string> after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<(AlarmKey, AlarmEvent)>();
        foreach (var (key, source) in before.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            if (!after.TryGetValue(key, out var now) || now != source)
            {
                changes.Add((key, AlarmEvent.Unsuppress(at, source)));
            }
        }

        foreach (var (key, source) in after.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            if (!before.TryGetValue(key, out var was) || was != source)
            {
                changes.Add((key, AlarmEvent.Suppress(at, source)));
            }
        }

        return changes;
    }
}
