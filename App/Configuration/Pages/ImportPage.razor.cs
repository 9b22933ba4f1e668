using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Configuration.Import;
using Prepaid.App.Kernel.Security;
namespace Prepaid.App.Configuration.Pages;

/// <summary>
/// Upload a workbook, see its dry run, apply it; the file stays in the circuit between the two. The upload and the
/// dry run can be cancelled, and stop when the circuit closes (the page is disposed).
/// </summary>
public partial class ImportPage : IDisposable
{
    private CancellationTokenSource? _running;
    private readonly CancellationTokenSource _disposed = new();
    private ImportPlan? _plan;
    private byte[]? _file;
    private bool _busy;
    private string? _applied;
    private ImportRowStatus? _status;

    [Inject] private ConfigurationImporter Importer { get; set; } = default!;

    protected override Task LoadAsync() => Task.CompletedTask;

    private int ErrorCount => _plan?.Errors.Count() ?? 0;

    private bool CanApply => _plan is { HasErrors: false } plan && !plan.ChangesNothing && _file is not null && !_busy;

    private bool Shown(ImportRowResult row) => _status is null || row.Status == _status;

    private string StatusText(ImportRowStatus status) => Text["Config.Import.Status." + status];

    private static Color StatusColor(ImportRowStatus status) => status switch
    {
        ImportRowStatus.New => Color.Success,
        ImportRowStatus.Changed => Color.Info,
        ImportRowStatus.Error => Color.Error,
        _ => Color.Default,
    };

    private IEnumerable<string> Details(ImportRowResult row) =>
        row.Errors.Select(Describe).Concat(row.Changes.Select(c => Text["Config.Import.Change", c.Column, c.Before ?? "", c.After ?? ""].Value));

    private string Describe(ImportError error) => error.Place.Length == 0 ? Describe(error.Error) : $"{error.Place}: {Describe(error.Error)}";

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        ClearErrors();
        (_plan, _file, _applied, _status) = (null, null, null, null);
        var limit = Importer.Limits.MaxFileBytes;
        if (file.Size > limit)
        {
            ShowFileErrors([new ImportError(null, null, null, new ConfigurationError("", "TooBig", file.Size, limit))]);
            return;
        }

        _busy = true;
        using var running = _running = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        var ct = running.Token;
        try
        {
            using var memory = new MemoryStream();
            await using (var upload = file.OpenReadStream(limit, ct))
            {
                await upload.CopyToAsync(memory, ct);
            }

            _file = memory.ToArray();
            _plan = await Importer.DryRunAsync(Actor, new MemoryStream(_file), file.Name, ct);
            ShowFileErrors(_plan.FileErrors);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            (_plan, _file) = (null, null);
            if (!_disposed.IsCancellationRequested)
            {
                ShowErrors([Text["Config.Import.Cancelled"]]);
            }
        }
        catch (PermissionDeniedException)
        {
            _plan = null;
            ShowErrors([Text["Account.Denied.Body"]]);
        }
        finally
        {
            _running = null;
            _busy = false;
        }
    }

    /// <summary>Stops the upload or dry run under way; nothing was written by either.</summary>
    private void Cancel() => _running?.Cancel();

    public void Dispose()
    {
        _disposed.Cancel();
        GC.SuppressFinalize(this);
    }

    private async Task ApplyAsync()
    {
        if (_file is null || _plan is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Importer.ApplyAsync(Actor, new MemoryStream(_file), _plan.FileName, Address, _disposed.Token);
            _plan = result;
            ShowFileErrors(result.FileErrors);
            if (result.Applied)
            {
                _applied = Text["Config.Import.Done", result.Count(ImportRowStatus.New), result.Count(ImportRowStatus.Changed)];
                _file = null;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void ShowFileErrors(IEnumerable<ImportError> errors) => ShowErrors([.. errors.Select(Describe)]);
}
