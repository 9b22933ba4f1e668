using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;

namespace Prepaid.App.Meters;

/// <summary>Server-side paging, sorting and filtering for the meters list; one page query plus one count.</summary>
public sealed class MeterListQuery(IDbContextFactory<PrepaidDb> factory)
{
    public const int MaxPageSize = 500;

    public async Task<MeterPage> GetPageAsync(MeterListRequest request, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(request.Page);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.PageSize, MaxPageSize);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows =
            from m in db.Meters
            join bus in db.Buses on m.BusId equals bus.Id
            join gateway in db.Gateways on bus.GatewayId equals gateway.Id
            from shaft in db.Shafts.Where(s => s.Id == m.ShaftId).DefaultIfEmpty()
            from account in db.Accounts.Where(a => a.Id == m.AccountId).DefaultIfEmpty()
            from tenant in db.Tenants.Where(t => t.Id == account.TenantId).DefaultIfEmpty()
            from tariff in db.Tariffs.Where(t => t.Id == m.TariffId).DefaultIfEmpty()
            select new { m, bus, gateway, shaft, tenant, tariff };

        var f = request.Filter;
        if (f.ShaftId is int shaftId)
        {
            rows = rows.Where(r => r.m.ShaftId == shaftId);
        }

        if (f.Kind is { } kind)
        {
            rows = rows.Where(r => r.m.Kind == kind);
        }

        if (f.Role is { } role)
        {
            rows = rows.Where(r => r.m.Role == role);
        }

        if (f.BillingMode is { } mode)
        {
            rows = rows.Where(r => r.m.BillingMode == mode);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var pattern = LikePattern.Contains(f.Search.Trim());
            rows = rows.Where(r =>
                EF.Functions.Like(r.m.Name, pattern, LikePattern.Escape)
                || EF.Functions.Like(r.m.SerialNumber, pattern, LikePattern.Escape)
                || (r.tenant != null && (EF.Functions.Like(r.tenant.Name, pattern, LikePattern.Escape)
                                         || EF.Functions.Like(r.tenant.NameEn, pattern, LikePattern.Escape)
                                         || EF.Functions.Like(r.tenant.UnitNumber, pattern, LikePattern.Escape))));
        }

        var total = await rows.CountAsync(cancellationToken);
        var d = request.Descending;
        var sorted = request.Sort switch
        {
            MeterSortColumn.SerialNumber => d ? rows.OrderByDescending(r => r.m.SerialNumber) : rows.OrderBy(r => r.m.SerialNumber),
            MeterSortColumn.Shaft => d ? rows.OrderByDescending(r => r.shaft!.Code) : rows.OrderBy(r => r.shaft!.Code),
            MeterSortColumn.Bus => d ? rows.OrderByDescending(r => r.bus.Name).ThenByDescending(r => r.m.UnitId) : rows.OrderBy(r => r.bus.Name).ThenBy(r => r.m.UnitId),
            MeterSortColumn.UnitId => d ? rows.OrderByDescending(r => r.m.UnitId) : rows.OrderBy(r => r.m.UnitId),
            MeterSortColumn.Kind => d ? rows.OrderByDescending(r => r.m.Kind) : rows.OrderBy(r => r.m.Kind),
            MeterSortColumn.Role => d ? rows.OrderByDescending(r => r.m.Role) : rows.OrderBy(r => r.m.Role),
            MeterSortColumn.BillingMode => d ? rows.OrderByDescending(r => r.m.BillingMode) : rows.OrderBy(r => r.m.BillingMode),
            MeterSortColumn.Tenant => d ? rows.OrderByDescending(r => r.tenant!.Name) : rows.OrderBy(r => r.tenant!.Name),
            MeterSortColumn.UnitNumber => d ? rows.OrderByDescending(r => r.tenant!.UnitNumber) : rows.OrderBy(r => r.tenant!.UnitNumber),
            _ => d ? rows.OrderByDescending(r => r.m.Name) : rows.OrderBy(r => r.m.Name),
        };

        // A unique tie-breaker keeps pages stable when many rows share the sort key.
        var page = await (d ? sorted.ThenByDescending(r => r.m.Id) : sorted.ThenBy(r => r.m.Id))
            .Skip(request.Page * request.PageSize)
            .Take(request.PageSize)
            .Select(r => new MeterRow(
                r.m.Id, r.m.Name, r.m.SerialNumber, r.shaft != null ? r.shaft.Code : null, r.gateway.Name, r.bus.Name, r.m.UnitId,
                r.m.Kind, r.m.Role, r.m.Profile, r.m.BillingMode, r.m.CtRatio,
                r.tenant != null ? r.tenant.Name : null, r.tenant != null ? r.tenant.NameEn : null, r.tenant != null ? r.tenant.UnitNumber : null,
                r.tariff != null ? r.tariff.Code : null, r.m.PowerLimitKw, r.m.PublicLoad))
            .ToListAsync(cancellationToken);
        return new MeterPage(page, total);
    }
}
