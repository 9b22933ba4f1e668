using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Alarms;

public sealed class SuppressionRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly GatewayTopology[] Topology =
    [
        new(1, [new BusTopology(11, [101, 102]), new BusTopology(12, [103])]),
        new(2, [new BusTopology(21, [201])]),
    ];

    private static AlarmKey Comm(AlarmSourceKind kind, int id) => new(kind, id, AlarmCondition.CommunicationLost);

    [Fact]
    public void Suppressed_GatewayLost_ItsBusesAndMetersCommAlarmsOnly()
    {
        var suppressed = SuppressionRules.Suppressed(Topology, [1]);

        Assert.Equal(
            new HashSet<AlarmKey> { Comm(AlarmSourceKind.Bus, 11), Comm(AlarmSourceKind.Bus, 12), Comm(AlarmSourceKind.Meter, 101), Comm(AlarmSourceKind.Meter, 102), Comm(AlarmSourceKind.Meter, 103) },
            suppressed.Keys.ToHashSet());
        Assert.All(suppressed.Values, v => Assert.Equal("Gateway/1", v));
        Assert.False(suppressed.ContainsKey(new AlarmKey(AlarmSourceKind.Meter, 101, AlarmCondition.OverPowerTrip)));
        Assert.False(suppressed.ContainsKey(Comm(AlarmSourceKind.Gateway, 1)));
    }

    [Fact]
    public void Suppressed_NoGatewayLost_Empty() => Assert.Empty(SuppressionRules.Suppressed(Topology, []));

    [Fact]
    public void Suppressed_UnknownGatewayLost_Empty() => Assert.Empty(SuppressionRules.Suppressed(Topology, [99]));

    [Fact]
    public void FromModel_Gateways_CopiesBusesAndMeters()
    {
        var gateway = new Gateway { Id = 5, Name = "G5", Host = "10.0.0.5" };
        gateway.Buses.Add(new Bus { Id = 51, GatewayId = 5, Name = "B", Meters = [new Meter { Id = 501, SerialNumber = "S501", Name = "M501" }] });

        var topology = SuppressionRules.FromModel([gateway]);

        Assert.Equal("Gateway/5", SuppressionRules.Suppressed(topology, [5])[Comm(AlarmSourceKind.Meter, 501)]);
    }

    [Fact]
    public void Changes_GatewayLostThenOtherLostAndFirstBack_UnsuppressesThenSuppresses()
    {
        var before = SuppressionRules.Suppressed(Topology, [1]);
        var after = SuppressionRules.Suppressed(Topology, [2]);

        var changes = SuppressionRules.Changes(before, after, T0);

        Assert.Equal(7, changes.Count);
        Assert.All(changes.Take(5), c => Assert.Equal((AlarmEventKind.Unsuppress, "Gateway/1"), (c.Event.Kind, c.Event.SuppressedBy)));
        Assert.All(changes.Skip(5), c => Assert.Equal((AlarmEventKind.Suppress, "Gateway/2"), (c.Event.Kind, c.Event.SuppressedBy)));
    }

    [Fact]
    public void Changes_SameSets_None() =>
        Assert.Empty(SuppressionRules.Changes(SuppressionRules.Suppressed(Topology, [1]), SuppressionRules.Suppressed(Topology, [1]), T0));
}
