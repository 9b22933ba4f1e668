using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Alarms;

/// <summary><c>GET /alarms/export</c>: the searched alarm history as XLSX, headers and values in the user's language, site time.</summary>
public static class AlarmExport
{
    public const string Path = "/alarms/export";

    public static IEndpointRouteBuilder MapAlarmExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync).RequireAuthorization(PermissionPolicies.For(Permission.ViewLiveState));
        return endpoints;
    }

    /// <summary>The export link for a history search (the page builds it from its filter).</summary>
    public static string Link(AlarmHistoryFilter f) =>
        Path + "?" + string.Join("&", new (string Name, string? Value)[]
        {
            ("from", f.From.UtcTicks.ToString(CultureInfo.InvariantCulture)),
            ("to", f.To.UtcTicks.ToString(CultureInfo.InvariantCulture)),
            ("priority", f.Priority?.ToString()),
            ("condition", f.Condition?.ToString()),
            ("sourceKind", f.SourceKind?.ToString()),
            ("state", f.State?.ToString()),
            ("source", f.Source),
            ("user", f.User),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));

    private static async Task<IResult> ExportAsync(
        [FromQuery] long from, [FromQuery] long to, [FromQuery] AlarmPriority? priority, [FromQuery] AlarmCondition? condition,
        [FromQuery] AlarmSourceKind? sourceKind, [FromQuery] AlarmState? state, [FromQuery] string? source, [FromQuery] string? user,
        AlarmQuery query, IStringLocalizer<Strings> l, CancellationToken cancellationToken)
    {
        if (from < 0 || to <= from || to > DateTimeOffset.MaxValue.UtcTicks)
        {
            return Results.BadRequest(l["Alarms.Error.Period"].Value);
        }

        var filter = new AlarmHistoryFilter(new DateTimeOffset(from, TimeSpan.Zero), new DateTimeOffset(to, TimeSpan.Zero), priority, condition, sourceKind, state, source, user);
        var rows = await query.HistoryAsync(filter, cancellationToken);
        var zone = await query.SiteZoneAsync(cancellationToken);
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            [l["Alarms.Col.Time"]] = SiteTime.Format(r.Entry.At, zone),
            [l["Alarms.Col.Priority"]] = l.Enum(r.Entry.Priority),
            [l["Alarms.Col.Source"]] = r.SourceName,
            [l["Alarms.Col.Condition"]] = l.Enum(r.Entry.Condition),
            [l["Alarms.Col.Event"]] = l.Enum(r.Entry.Kind),
            [l["Alarms.Col.From"]] = l.Enum(r.Entry.FromState),
            [l["Alarms.Col.State"]] = l.Enum(r.Entry.ToState),
            [l["Alarms.Col.User"]] = r.Entry.User,
            [l["Alarms.Col.Comment"]] = r.Entry.Comment,
            [l["Alarms.Col.Reason"]] = r.Entry.Reason,
            [l["Alarms.Col.Until"]] = SiteTime.Format(r.Entry.Expiry, zone),
            [l["Alarms.Col.Permit"]] = r.Entry.Permit,
            [l["Alarms.Col.SuppressedBy"]] = r.Entry.SuppressedBy,
        });
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "Alarms", cancellationToken: cancellationToken);
        stream.Position = 0;
        var name = $"alarms-{SiteTime.Format(filter.From, zone)[..10]}-{SiteTime.Format(filter.To, zone)[..10]}.xlsx";
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
