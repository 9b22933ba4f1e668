using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Kernel.Localization;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Meters;

/// <summary>
/// <c>GET /meters/export</c>: the selected meters (<c>ids=1,2,3</c>) or every meter matching the list's filter
/// (<c>all=true</c> with the filter's parameters) as XLSX with their live values, headers in the user's language.
/// </summary>
public static class MeterExport
{
    public const int MaxIds = 2000;

    public static IEndpointRouteBuilder MapMeterExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/meters/export", ExportAsync).RequireAuthorization(PermissionPolicies.For(Permission.ViewLiveState));
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        [FromQuery] string? ids, [FromQuery] bool? all, [FromQuery] int? shaft, [FromQuery] MeterKind? kind, [FromQuery] MeterRole? role,
        [FromQuery] BillingMode? billing, [FromQuery] string? search,
        MeterListQuery query, LiveStateCache cache, IDbContextFactory<PrepaidDb> factory, TimeProvider time, IStringLocalizer<Strings> l,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<int> selected;
        if (all == true)
        {
            selected = await query.IdsAsync(new MeterFilter(shaft, kind, role, billing, search), cancellationToken);
        }
        else
        {
            var parts = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var parsed = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
            if (parsed.Count == 0 || parsed.Contains(-1))
            {
                return Results.BadRequest(l["Meters.Export.BadIds"].Value);
            }

            selected = parsed;
        }

        if (selected.Count > MaxIds)
        {
            return Results.BadRequest(l["Meters.Export.TooMany", MaxIds].Value);
        }

        var rows = await query.RowsAsync([.. selected], cancellationToken);
        TimeZoneInfo zone;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        }

        var now = time.GetUtcNow();
        var sheet = new List<Dictionary<string, object?>>(rows.Count);
        foreach (var row in rows)
        {
            var live = await cache.GetAsync(row.Id, cancellationToken);
            sheet.Add(new Dictionary<string, object?>
            {
                [l["Meters.Col.Name"]] = row.Name,
                [l["Meters.Col.Serial"]] = row.SerialNumber,
                [l["Meters.Col.Shaft"]] = row.ShaftCode,
                [l["Meters.Col.Bus"]] = row.BusName,
                [l["Meters.Col.Address"]] = row.UnitId,
                [l["Meters.Col.Kind"]] = l["MeterKind." + row.Kind].Value,
                [l["Meters.Col.BillingMode"]] = l["BillingMode." + row.BillingMode].Value,
                [l["Meters.Col.UnitNumber"]] = row.UnitNumber,
                [l["Meters.Col.Tenant"]] = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? row.TenantName : row.TenantNameEn,
                [l["Meters.Col.State"]] = l["ValueQuality." + MeterSnapshot.StatusOf(live).QualityAt(now)].Value,
                [l["Meters.Col.Supply"]] = live?.SupplyOn switch { true => l["Meters.Supply.On"].Value, false => l["Meters.Supply.Off"].Value, null => null },
                [l["Meters.Col.Power"]] = live?.PowerKw,
                [l["Meters.Col.Energy"]] = live?.EnergyKwh ?? live?.VolumeM3,
                [l["Meters.Col.Balance"]] = row.BillingMode == BillingMode.Meter ? live?.RemainingYuan : null,
                [l["Meter.LastGood"]] = SiteTime.Format(live?.LastGoodAt, zone),
            });
        }

        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "Meters", cancellationToken: cancellationToken);
        stream.Position = 0;
        var name = $"meters-{TimeZoneInfo.ConvertTime(now, zone).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.xlsx";
        return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
