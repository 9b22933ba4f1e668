using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Alarms;

public sealed class AlarmCatalogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AlarmCondition_Values_NoLowBalanceAlarm()
    {
        // A low balance is a tenant notice, not an operator alarm.
        Assert.DoesNotContain(Enum.GetNames<AlarmCondition>(), n => n.Contains("Balance", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Definition_EveryConditionAndKind_HasDefinitionWithItsKey()
    {
        foreach (var kind in Enum.GetValues<AlarmSourceKind>())
        {
            foreach (var condition in Enum.GetValues<AlarmCondition>())
            {
                var key = new AlarmKey(kind, 1, condition);
                Assert.Equal(key, AlarmCatalog.Definition(key).Key);
                AlarmCatalog.Filter(key).Validate();
            }
        }
    }

    [Fact]
    public void Definition_CommunicationLost_GatewayHighMeterLow()
    {
        Assert.Equal(AlarmPriority.High, AlarmCatalog.Definition(new AlarmKey(AlarmSourceKind.Gateway, 1, AlarmCondition.CommunicationLost)).Priority);
        Assert.Equal(AlarmPriority.Low, AlarmCatalog.Definition(new AlarmKey(AlarmSourceKind.Meter, 1, AlarmCondition.CommunicationLost)).Priority);
    }

    [Fact]
    public void Definition_OverPowerTrip_HighAndLatching()
    {
        var d = AlarmCatalog.Definition(new AlarmKey(AlarmSourceKind.Meter, 3, AlarmCondition.OverPowerTrip));

        Assert.Equal((AlarmPriority.High, true), (d.Priority, d.Latching));
    }

    [Fact]
    public void AcknowledgeMany_MixedAlarms_AcknowledgesOnlyThoseThatNeedIt()
    {
        AlarmStatus Active(int id)
        {
            var s = AlarmStatus.Initial(AlarmCatalog.Definition(new AlarmKey(AlarmSourceKind.Meter, id, AlarmCondition.MeterFault)));
            return AlarmMachine.Apply(s, AlarmEvent.ConditionActive(T0)).Status;
        }

        var acked = AlarmMachine.Apply(Active(2), AlarmEvent.Acknowledge(T0.AddSeconds(1), "a")).Status;
        var normal = AlarmStatus.Initial(AlarmCatalog.Definition(new AlarmKey(AlarmSourceKind.Meter, 4, AlarmCondition.MeterFault)));

        var results = AlarmMachine.AcknowledgeMany([Active(1), acked, Active(3), normal], T0.AddMinutes(1), "op", "bulk");

        Assert.Equal([1, 3], results.Select(r => r.Status.Key.SourceId));
        Assert.All(results, r => Assert.Equal(("op", AlarmState.ActiveAcknowledged), (r.Status.AcknowledgedBy, r.Status.State)));
    }

    [Fact]
    public void AcknowledgeMany_BlankUser_Throws()
    {
        Assert.Throws<ArgumentException>(() => AlarmMachine.AcknowledgeMany([], T0, " "));
    }
}
