using Prepaid.Domain.Security;

namespace Prepaid.App.Persistence.Entities;

/// <summary>The reports the platform generates. Stored by number: never renumber.</summary>
public enum ReportKind
{
    /// <summary>One day's recharges by payment method and cashier, with refunds and reversals listed.</summary>
    DailySales = 0,
    /// <summary>One calendar month's sales by payment method, cashier and day.</summary>
    MonthlySales = 1,
    /// <summary>Per shop: purchases (recharges) and consumption of electricity and water, with charges.</summary>
    ShopPurchases = 2,
    /// <summary>Per meter: opening and closing energy from the midnight freezes and, per account, opening and closing balance.</summary>
    EnergyAndMoney = 3,
    /// <summary>Lost-contact gateways, buses and meters with their durations.</summary>
    CommunicationFaults = 4,
    /// <summary>The public-area sharing runs of a month: pool meters, and each tenant's key value, share and charge.</summary>
    SharingStatement = 5,
    /// <summary>Per transformer and site: incomer energy, sub-meter energy, loss and loss percentage.</summary>
    LossReconciliation = 6,
    /// <summary>Alarm rate, floods, standing and chattering alarms, top sources and the priority distribution.</summary>
    AlarmKpis = 7,
}

public static class ReportKinds
{
    public static readonly IReadOnlyList<ReportKind> All = Enum.GetValues<ReportKind>();

    /// <summary>Sales reports are open to the finance office; the others need the general report permission.</summary>
    public static Permission RequiredPermission(this ReportKind kind) =>
        kind is ReportKind.DailySales or ReportKind.MonthlySales ? Permission.ViewSalesReports : Permission.ViewReports;

    /// <summary>How the period of a report is chosen.</summary>
    public static ReportPeriodShape Shape(this ReportKind kind) => kind switch
    {
        ReportKind.DailySales => ReportPeriodShape.Day,
        ReportKind.MonthlySales or ReportKind.SharingStatement => ReportPeriodShape.Month,
        _ => ReportPeriodShape.Range,
    };
}

/// <summary>What periods a report accepts.</summary>
public enum ReportPeriodShape
{
    Day,
    Month,
    Range,
}

/// <summary>A period of whole site-local days, both ends included.</summary>
public readonly record struct ReportPeriod(DateOnly Start, DateOnly End)
{
    /// <summary>The longest period a report may cover.</summary>
    public const int MaxDays = 366;

    public static ReportPeriod Day(DateOnly day) => new(day, day);

    public static ReportPeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new ReportPeriod(first, first.AddMonths(1).AddDays(-1));
    }

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool IsWholeMonth => Start.Day == 1 && End == Start.AddMonths(1).AddDays(-1);

    /// <summary>Null when the period suits the report, otherwise the resource key of the problem.</summary>
    public string? Problem(ReportKind kind) => this switch
    {
        _ when End < Start => "Reports.Error.PeriodOrder",
        _ when Days > MaxDays => "Reports.Error.PeriodTooLong",
        _ when kind.Shape() == ReportPeriodShape.Day && Days != 1 => "Reports.Error.PeriodDay",
        _ when kind.Shape() == ReportPeriodShape.Month && !IsWholeMonth => "Reports.Error.PeriodMonth",
        _ => null,
    };

    public override string ToString() => Start == End ? $"{Start:yyyy-MM-dd}" : $"{Start:yyyy-MM-dd} – {End:yyyy-MM-dd}";
}

/// <summary>The two output formats of a report.</summary>
public enum ReportFormat
{
    Pdf = 0,
    Xlsx = 1,
}
