using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Prepaid.App.Alarms;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Alarms;

public sealed class AlarmExportTests
{
    [Fact]
    public async Task Export_Electrician_GetsTheSearchedHistoryAsXlsx()
    {
        await using var factory = new PrepaidAppFactory();
        var client = await factory.CreateSignedInClientAsync("electrician", "Demo-Electrician-2026");
        var alarms = factory.Services.GetRequiredService<AlarmService>();
        var now = DateTimeOffset.UtcNow;
        await alarms.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Meter, 1), AlarmCondition.MeterFault, true, now, "fault");
        await alarms.ReportConditionAsync(new AlarmSource(AlarmSourceKind.Meter, 2), AlarmCondition.CommunicationLost, true, now, "lost");

        var response = await client.GetAsync(AlarmExport.Link(new AlarmHistoryFilter(now.AddHours(-1), now.AddHours(1), Condition: AlarmCondition.MeterFault)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("Meter fault", row["Condition"]);
        Assert.Equal("Became active", row["Event"]);
        Assert.Equal("Active, unacknowledged", row["State"]);
    }

    [Fact]
    public async Task Export_WallDisplayAccountOrBadPeriod_IsRefused()
    {
        await using var factory = new PrepaidAppFactory();
        var wall = await factory.CreateSignedInClientAsync("wall", "Demo-Wall-2026");
        var electrician = await factory.CreateSignedInClientAsync("electrician", "Demo-Electrician-2026");

        var refused = await wall.GetAsync("/alarms/export?from=0&to=1000");
        var badPeriod = await electrician.GetAsync("/alarms/export?from=1000&to=10");

        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
    }
}
