using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
namespace Prepaid.App.Reports.Pages;

public sealed partial class ReportsPage : IDisposable
{
    private const int ListSize = 300;

    private readonly CancellationTokenSource _disposed = new();
    private ClaimsPrincipal _user = new();
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _dataBeforeThisMonth;
    private List<ReportKind> _kinds = [];
    private List<ReportGroup> _groups = [];
    private ReportKind _kind;
    private ReportKind? _listKind;
    private DateTime? _from;
    private DateTime? _to;
    private string _language = "zh-CN";
    private bool _running;
    private double _progress;
    private string? _message;
    private string? _error;

    [Inject] private ReportGenerator Generator { get; set; } = default!;
    [Inject] private ReportStore Store { get; set; } = default!;
    [Inject] private IDbContextFactory<PrepaidDb> Factory { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    /// <summary>One report version with its PDF and XLSX files.</summary>
    private sealed record ReportGroup(ReportKind Kind, string Period, string Language, int Version, DateTimeOffset GeneratedAt,
        string GeneratedBy, bool Scheduled, List<GeneratedReport> Files);

    private static ReportKind? AllKinds => null;

    private ReportPeriodShape Shape => _kind.Shape();

    private string FromLabel => L[Shape == ReportPeriodShape.Day ? "Reports.Page.Day" : "Reports.Page.From"];

    private double ProgressPercent => _progress * 100;

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        _kinds = [.. ReportKinds.All.Where(k => _user.Allows(k.RequiredPermission()))];
        _kind = _kinds.FirstOrDefault();
        _language = ReportText.Languages.FirstOrDefault(l => CultureInfo.CurrentUICulture.Name.StartsWith(l[..2], StringComparison.OrdinalIgnoreCase)) ?? ReportText.Languages[0];
        await using (var db = await Factory.CreateDbContextAsync(_disposed.Token))
        {
            _zone = await SiteTime.FirstSiteZoneAsync(db, _disposed.Token);
            _dataBeforeThisMonth = await ReportDefaults.DataBeforeMonthAsync(db, Today, _zone, _disposed.Token);
        }

        SetDefaultPeriod();
        await LoadAsync();
    }

    private DateOnly Today => SiteTime.Today(Time.GetUtcNow(), _zone);

    private void SetDefaultPeriod()
    {
        var period = ReportDefaults.Period(_kind, Today, _dataBeforeThisMonth);
        _from = period.Start.ToDateTime(TimeOnly.MinValue);
        _to = Shape == ReportPeriodShape.Range ? period.End.ToDateTime(TimeOnly.MinValue) : null;
    }

    private async Task LoadAsync()
    {
        // The list keeps the newest files; a filter by kind reaches older periods of one report.
        var files = await Store.ListAsync(_listKind is { } only ? [only] : _kinds, ListSize, _disposed.Token);
        _groups = [.. files
            .GroupBy(f => (f.Kind, f.PeriodStart, f.PeriodEnd, f.Language, f.Version))
            .Select(g => new ReportGroup(g.Key.Kind, g.First().Period.ToString(), g.Key.Language, g.Key.Version,
                g.Max(f => f.GeneratedAt), g.First().GeneratedBy, g.First().Scheduled, [.. g.OrderBy(f => f.Format)]))
            .OrderByDescending(g => g.GeneratedAt)];
    }

    private void OnKindChanged(ReportKind kind)
    {
        _kind = kind;
        SetDefaultPeriod();
    }

    private void OnFromChanged(DateTime? value) => _from = value;

    private async Task OnListKindChanged(ReportKind? kind)
    {
        _listKind = kind;
        await LoadAsync();
    }

    private ReportPeriod? SelectedPeriod()
    {
        if (_from is not { } from)
        {
            return null;
        }

        var start = DateOnly.FromDateTime(from);
        return Shape switch
        {
            ReportPeriodShape.Day => ReportPeriod.Day(start),
            ReportPeriodShape.Month => ReportPeriod.Month(start.Year, start.Month),
            _ => _to is { } to ? new ReportPeriod(start, DateOnly.FromDateTime(to)) : null,
        };
    }

    private async Task GenerateAsync()
    {
        (_message, _error) = (null, null);
        if (SelectedPeriod() is not { } period)
        {
            _error = L["Reports.Error.PeriodOrder"];
            return;
        }

        _running = true;
        _progress = 0;
        try
        {
            var progress = new Progress(this);
            var (user, kind, language, token) = (_user, _kind, _language, _disposed.Token);
            // Off the circuit's thread: SQLite answers "async" queries synchronously, and a month's report would
            // otherwise hold the page (no progress shown, clicks queued) until it is written.
            var stored = await Task.Run(() => Generator.RequestAsync(user, kind, period, language, progress, token), token);
            _running = false;
            _message = L["Reports.Page.Done", L["Reports.Kind." + _kind], stored[0].Version];
            await LoadAsync();
        }
        catch (ReportRequestException e)
        {
            _error = L[e.Key];
        }
        catch (PermissionDeniedException)
        {
            _error = L["Reports.Error.Permission"];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _error = L["Reports.Error.Failed", e.Message];
        }
        finally
        {
            _running = false;
        }
    }

    private string Local(DateTimeOffset at) => SiteTime.Format(at, _zone);

    private string Origin(ReportGroup group) => L[group.Scheduled ? "Reports.Page.Scheduled" : "Reports.Page.Manual"];

    private static string DownloadUrl(GeneratedReport file) => $"reports/files/{file.Id.ToString(CultureInfo.InvariantCulture)}";

    private static string FormatName(GeneratedReport file) => file.Format == ReportFormat.Pdf ? "PDF" : "XLSX";

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    /// <summary>Reports progress to the page at most every few percent, on the renderer's thread.</summary>
    private sealed class Progress(ReportsPage page) : IProgress<double>
    {
        public void Report(double value)
        {
            if (value - page._progress < 0.05 && value < 1)
            {
                return;
            }

            page._progress = value;
            _ = page.InvokeAsync(page.StateHasChanged);
        }
    }
}
