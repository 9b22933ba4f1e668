using Bunit;
using Prepaid.App.Alarms.Pages;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Alarms;

public sealed class AlarmPanelTests
{
    private const string TextInput = "input, textarea";

    private static async Task<long> RaiseAsync(AlarmTestHost host, int meterId, AlarmCondition condition)
    {
        await host.Service.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Meter, meterId), condition, true, host.Now, "test detail");
        return (await host.AlarmAsync(AlarmSourceKind.Meter, meterId, condition)).Id;
    }

    private static void Type(IRenderedComponent<ActiveAlarmsPanel> cut, string testId, string text)
    {
        var element = cut.Find($"[data-testid={testId}]");
        if (element.QuerySelector(TextInput) is not null)
        {
            cut.Find($"[data-testid={testId}] input, [data-testid={testId}] textarea").Input(text);
        }
        else
        {
            element.Input(text);
        }
    }

    [Fact]
    public async Task AcknowledgeOne_WithComment_AcknowledgesAsTheSignedInUser()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        var id = await RaiseAsync(host, 7, AlarmCondition.MeterFault);
        await using var ctx = AlarmComponentContext.Create(host, "en", Roles.DutyElectrician);
        var cut = ctx.Render<ActiveAlarmsPanel>();
        Assert.Contains("Active, unacknowledged", cut.Find($"[data-testid=state-{id}]").TextContent);
        Assert.Contains("▲", cut.Find($"[data-testid=state-{id}]").TextContent);

        cut.Find($"[data-testid=ack-{id}]").Click();
        Type(cut, "alarm-comment", "electrician on the way");
        cut.Find("[data-testid=alarm-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Alarms acknowledged: 1.", cut.Find("[data-testid=alarm-message]").TextContent.Trim()));
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        Assert.Equal((AlarmState.ActiveAcknowledged, "test-user"), (alarm.State, alarm.AcknowledgedBy));
        Assert.Equal("electrician on the way", (await host.JournalAsync(id)).Last().Comment);
        Assert.Equal("ActiveAcknowledged", cut.Find($"[data-testid=alarm-row-{id}]").GetAttribute("data-state"));
        Assert.Empty(cut.FindAll($"[data-testid=ack-{id}]"));
    }

    [Fact]
    public async Task AcknowledgeSelected_TwoOfThree_AcknowledgesOnlyTheSelection()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        var a = await RaiseAsync(host, 1, AlarmCondition.MeterFault);
        var b = await RaiseAsync(host, 2, AlarmCondition.MeterFault);
        var c = await RaiseAsync(host, 3, AlarmCondition.MeterFault);
        await using var ctx = AlarmComponentContext.Create(host, "en", Roles.DutyElectrician);
        var cut = ctx.Render<ActiveAlarmsPanel>();

        cut.Find($"[data-testid=select-{a}]").Change(true);
        cut.Find($"[data-testid=select-{c}]").Change(true);
        Assert.Contains("(2)", cut.Find("[data-testid=ack-selected]").TextContent);
        cut.Find("[data-testid=ack-selected]").Click();
        cut.Find("[data-testid=alarm-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Alarms acknowledged: 2.", cut.Find("[data-testid=alarm-message]").TextContent.Trim()));
        Assert.Equal(AlarmState.ActiveAcknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, 1, AlarmCondition.MeterFault)).State);
        Assert.Equal(AlarmState.ActiveUnacknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, 2, AlarmCondition.MeterFault)).State);
        Assert.Equal(AlarmState.ActiveAcknowledged, (await host.AlarmAsync(AlarmSourceKind.Meter, 3, AlarmCondition.MeterFault)).State);
        Assert.Equal("ActiveUnacknowledged", cut.Find($"[data-testid=alarm-row-{b}]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task AcknowledgeMatching_All_AcknowledgesEveryUnacknowledgedAlarm()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await RaiseAsync(host, 1, AlarmCondition.MeterFault);
        await RaiseAsync(host, 2, AlarmCondition.CommunicationLost);
        await using var ctx = AlarmComponentContext.Create(host, "en", Roles.DutyElectrician);
        var cut = ctx.Render<ActiveAlarmsPanel>();

        cut.Find("[data-testid=ack-matching]").Click();
        cut.Find("[data-testid=alarm-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Alarms acknowledged: 2.", cut.Find("[data-testid=alarm-message]").TextContent.Trim()));
        Assert.Equal("Alarms: 2, unacknowledged: 0", cut.Find("[data-testid=alarm-count]").TextContent.Trim());
    }

    [Fact]
    public async Task Shelve_WithReason_ShelvesForTheChosenTimeAndShowsTheState()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        var id = await RaiseAsync(host, 7, AlarmCondition.MeterFault);
        await using var ctx = AlarmComponentContext.Create(host, "en", Roles.DutyElectrician);
        var cut = ctx.Render<ActiveAlarmsPanel>();

        cut.Find($"[data-testid=shelve-{id}]").Click();
        Assert.True(cut.Find("[data-testid=alarm-confirm]").HasAttribute("disabled"));
        Type(cut, "shelve-reason", "Sensor under repair");
        cut.Find("[data-testid=alarm-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Shelved", cut.Find($"[data-testid=alarm-row-{id}]").GetAttribute("data-state")));
        var alarm = await host.AlarmAsync(AlarmSourceKind.Meter, 7, AlarmCondition.MeterFault);
        Assert.Equal((AlarmState.Shelved, "test-user", "Sensor under repair", host.Now.AddHours(8)), (alarm.State, alarm.ShelvedBy, alarm.ShelveReason, alarm.ShelvedUntil));
        Assert.Contains("Sensor under repair", cut.Find($"[data-testid=alarm-row-{id}]").TextContent);
        Assert.NotEmpty(cut.FindAll($"[data-testid=unshelve-{id}]"));
    }

    [Fact]
    public async Task Render_ManagerWithoutAlarmPermissions_OffersNoActionsAndChinese()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        var id = await RaiseAsync(host, 7, AlarmCondition.MeterFault);
        await using var ctx = AlarmComponentContext.Create(host, "zh-CN", Roles.Manager);

        var cut = ctx.Render<ActiveAlarmsPanel>();

        Assert.Empty(cut.FindAll($"[data-testid=ack-{id}]"));
        Assert.Empty(cut.FindAll($"[data-testid=shelve-{id}]"));
        Assert.True(cut.Find("[data-testid=ack-selected]").HasAttribute("disabled"));
        Assert.Contains("报警未确认", cut.Find($"[data-testid=state-{id}]").TextContent);
        Assert.Contains("电表故障", cut.Find($"[data-testid=alarm-row-{id}]").TextContent);
    }

    [Fact]
    public async Task Banner_UnacknowledgedMediumAlarm_ShowsAndSoundsUntilAcknowledged()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await RaiseAsync(host, 5, AlarmCondition.CommunicationLost);
        var id = await RaiseAsync(host, 7, AlarmCondition.MeterFault);
        await using var ctx = AlarmComponentContext.Create(host, "en", Roles.WallDisplay);
        var cut = ctx.Render<AlarmBanner>();

        var banner = cut.Find("[data-testid=alarm-banner]");
        Assert.Equal("Unacknowledged alarms: 1", cut.Find("[data-testid=alarm-banner-count]").TextContent);
        Assert.Contains("Meter fault · Medium", cut.Find("[data-testid=alarm-banner-text]").TextContent);
        Assert.Equal("on", banner.GetAttribute("data-sound"));
        Assert.Contains(ctx.JSInterop.Invocations, i => i.Identifier == "prepaid.alarmSound" && Equals(i.Arguments[0], true));

        await host.Service.AcknowledgeAsync(AlarmTestHost.Electrician, [id], null);
        host.Clock.Advance(host.Notifier.DefaultInterval);   // the banner hears of the change once the notifier's interval is over

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=alarm-banner]")), TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Contains(ctx.JSInterop.Invocations, i => i.Identifier == "prepaid.alarmSound" && Equals(i.Arguments[0], false)));
    }

    [Fact]
    public async Task Banner_OnlyLowPriorityAlarms_StaysHidden()
    {
        await using var host = await AlarmTestHost.CreateAsync();
        await RaiseAsync(host, 5, AlarmCondition.CommunicationLost);
        await using var ctx = AlarmComponentContext.Create(host, "en", Roles.WallDisplay);

        var cut = ctx.Render<AlarmBanner>();

        Assert.Empty(cut.FindAll("[data-testid=alarm-banner]"));
    }
}
