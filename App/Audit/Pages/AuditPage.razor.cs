using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Prepaid.App.Audit;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Audit.Pages;

public partial class AuditPage
{
    private static readonly int[] PageSizes = [25, 50, 100, 200];

    private MudDataGrid<AuditEntry>? _grid;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private int _total;
    private string? _user;
    private AuditKind? _kind;
    private DateTime? _from;
    private DateTime? _to;

    [Inject] private AuditQuery Query { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _zone = await Query.SiteZoneAsync(CancellationToken.None);

    private AuditFilter Filter => new(_user, _kind,
        _from is { } f ? DateOnly.FromDateTime(f) : null,
        _to is { } t ? DateOnly.FromDateTime(t) : null);

    /// <summary>The export link carries the same filter as the grid.</summary>
    private string ExportUrl
    {
        get
        {
            var f = Filter;
            var parts = new List<string>();
            if (!string.IsNullOrWhiteSpace(f.User))
            {
                parts.Add("user=" + Uri.EscapeDataString(f.User));
            }

            if (f.Kind is { } kind)
            {
                parts.Add("kind=" + kind);
            }

            if (f.From is { } from)
            {
                parts.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            if (f.To is { } to)
            {
                parts.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            return "audit/export" + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
        }
    }

    private string Local(DateTimeOffset at) => SiteTime.Format(at, _zone);

    private async Task<GridData<AuditEntry>> LoadAsync(GridState<AuditEntry> state, CancellationToken cancellationToken)
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        var (rows, total) = await Query.GetPageAsync(user, Filter, state.Page, state.PageSize, cancellationToken);
        _total = total;
        return new GridData<AuditEntry> { Items = rows, TotalItems = total };
    }

    private Task OnUserChanged(string? value) => Reload(() => _user = value);
    private Task OnKindChanged(AuditKind? value) => Reload(() => _kind = value);
    private Task OnFromChanged(DateTime? value) => Reload(() => _from = value);
    private Task OnToChanged(DateTime? value) => Reload(() => _to = value);

    private async Task Reload(Action apply)
    {
        apply();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }
}
