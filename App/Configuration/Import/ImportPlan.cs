using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Import;

/// <summary>What importing a row would do.</summary>
public enum ImportRowStatus
{
    New = 0,
    Changed = 1,
    Unchanged = 2,
    Error = 3,
}

/// <summary>One changed column of a row, as text.</summary>
public sealed record ImportChange(string Column, string? Before, string? After);

/// <summary>A row of the dry run: its key (name, unit, gateway/port/address ...), status, changes and errors.</summary>
public sealed record ImportRowResult(string Sheet, int Row, string Key, ImportRowStatus Status, IReadOnlyList<ImportChange> Changes, IReadOnlyList<ImportError> Errors);

/// <summary>The dry run of a workbook: every row and every error; it is applied only when there is no error.</summary>
public sealed class ImportPlan
{
    public required string FileName { get; init; }
    public required string Sha256 { get; init; }
    public List<ImportRowResult> Rows { get; } = [];
    /// <summary>Errors of the file or a sheet as a whole (not a spreadsheet, missing column ...).</summary>
    public List<ImportError> FileErrors { get; } = [];
    public bool Applied { get; set; }
    /// <summary>When the plan was made; new accounts are opened at this time.</summary>
    public DateTimeOffset At { get; init; }

    public IEnumerable<ImportError> Errors => FileErrors.Concat(Rows.SelectMany(r => r.Errors));
    public bool HasErrors => FileErrors.Count > 0 || Rows.Any(r => r.Status == ImportRowStatus.Error);
    public int Count(ImportRowStatus status) => Rows.Count(r => r.Status == status);
    public bool ChangesNothing => !HasErrors && Rows.All(r => r.Status == ImportRowStatus.Unchanged);

    // What apply writes; filled by the planner for New and Changed rows.
    internal List<Planned<Shaft, ShaftEdit>> Shafts { get; } = [];
    internal List<Planned<Gateway, PlannedGateway>> Gateways { get; } = [];
    internal List<Planned<Bus, PlannedBus>> Buses { get; } = [];
    internal List<Planned<Tenant, TenantEdit>> Tenants { get; } = [];
    internal List<Planned<Meter, PlannedMeter>> Meters { get; } = [];
}

internal sealed record Planned<TEntity, TValue>(TEntity? Existing, TValue Value) where TEntity : class;

internal sealed record PlannedGateway(GatewayEdit Edit, string? ShaftCode);

internal sealed record PlannedBus(BusEdit Edit, string Gateway);

/// <summary>A meter row with its references by name; ids of tariff and transformer are resolved already.</summary>
internal sealed record PlannedMeter(MeterEdit Edit, string Gateway, int Port, string? AccountNumber, string? ShaftCode);
