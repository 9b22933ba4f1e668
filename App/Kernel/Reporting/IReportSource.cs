using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Kernel.Reporting;

/// <summary>Builds one or more kinds of report from the database as it is.</summary>
public interface IReportSource
{
    bool Handles(ReportKind kind);

    /// <summary>Reads the data and lays out the tables; <paramref name="progress"/> gets 0 to 1.</summary>
    Task<ReportDocument> BuildAsync(ReportContext context, IProgress<double>? progress, CancellationToken cancellationToken);
}
