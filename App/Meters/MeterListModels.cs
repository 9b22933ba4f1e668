using Prepaid.Domain.Model;

namespace Prepaid.App.Meters;

/// <summary>Filters of the meters list; null means "any".</summary>
public sealed record MeterFilter(int? ShaftId = null, MeterKind? Kind = null, MeterRole? Role = null, BillingMode? BillingMode = null, string? Search = null);

/// <summary>Columns the meters list can be sorted by.</summary>
public enum MeterSortColumn
{
    Name,
    SerialNumber,
    Shaft,
    Bus,
    UnitId,
    Kind,
    Role,
    BillingMode,
    Tenant,
    UnitNumber,
}

/// <summary>One page request; <paramref name="Page"/> counts from 0.</summary>
public sealed record MeterListRequest(MeterFilter Filter, int Page, int PageSize, MeterSortColumn Sort = MeterSortColumn.Name, bool Descending = false);

/// <summary>A meter as the list shows it.</summary>
public sealed record MeterRow(
    int Id,
    string Name,
    string SerialNumber,
    string? ShaftCode,
    string GatewayName,
    string BusName,
    int UnitId,
    MeterKind Kind,
    MeterRole Role,
    MeterProfile Profile,
    BillingMode BillingMode,
    int CtRatio,
    string? TenantName,
    string? TenantNameEn,
    string? UnitNumber,
    string? TariffCode,
    decimal? PowerLimitKw,
    PublicLoadType? PublicLoad);

/// <summary>A page of rows and the number of rows matching the filter.</summary>
public sealed record MeterPage(IReadOnlyList<MeterRow> Rows, int Total);
