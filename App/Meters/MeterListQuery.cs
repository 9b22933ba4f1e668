using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

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
        var rows = Filtered(db, request.Filter);
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

    /// <summary>The ids of every meter matching the filter, in name order (a batch on "all matching the filter").</summary>
    public async Task<IReadOnlyList<int>> IdsAsync(MeterFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Filtered(db, filter).OrderBy(r => r.m.Name).ThenBy(r => r.m.Id).Select(r => r.m.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The rows of the given meters, in name order.</summary>
    public async Task<IReadOnlyList<MeterRow>> RowsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Filtered(db, new MeterFilter()).Where(r => ids.Contains(r.m.Id)).OrderBy(r => r.m.Name).ThenBy(r => r.m.Id)
            .Select(r => new MeterRow(
                r.m.Id, r.m.Name, r.m.SerialNumber, r.shaft != null ? r.shaft.Code : null, r.gateway.Name, r.bus.Name, r.m.UnitId,
                r.m.Kind, r.m.Role, r.m.Profile, r.m.BillingMode, r.m.CtRatio,
                r.tenant != null ? r.tenant.Name : null, r.tenant != null ? r.tenant.NameEn : null, r.tenant != null ? r.tenant.UnitNumber : null,
                r.tariff != null ? r.tariff.Code : null, r.m.PowerLimitKw, r.m.PublicLoad))
            .ToListAsync(cancellationToken);
    }

    private static IQueryable<FilteredRow> Filtered(PrepaidDb db, MeterFilter f)
    {
        var rows =
            from m in db.Meters
            join bus in db.Buses on m.BusId equals bus.Id
            join gateway in db.Gateways on bus.GatewayId equals gateway.Id
            from shaft in db.Shafts.Where(s => s.Id == m.ShaftId).DefaultIfEmpty()
            from account in db.Accounts.Where(a => a.Id == m.AccountId).DefaultIfEmpty()
            from tenant in db.Tenants.Where(t => t.Id == account.TenantId).DefaultIfEmpty()
            from tariff in db.Tariffs.Where(t => t.Id == m.TariffId).DefaultIfEmpty()
            select new FilteredRow { m = m, bus = bus, gateway = gateway, shaft = shaft, tenant = tenant, tariff = tariff };

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

        return rows;
    }

    // Lower-case members keep the query text as it was with an anonymous type; a member-init type is what EF translates.
#pragma warning disable IDE1006
    private sealed class FilteredRow
    {
        public required Meter m { get; init; }
        public required Bus bus { get; init; }
        public required Gateway gateway { get; init; }
        public Shaft? shaft { get; init; }
        public Tenant? tenant { get; init; }
        public Tariff? tariff { get; init; }
    }
#pragma warning restore IDE1006
}
