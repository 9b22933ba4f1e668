using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Prepaid.App.Alarms;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Alarms.Pages;

/// <summary>
/// The wall's alarm banner: how many high and medium alarms wait for acknowledgement and the most important of them (the newest among
/// equals), with
/// a sound (Web Audio in prepaid.js) that repeats until every one of them is acknowledged. Live through the notifier.
/// </summary>
public partial class AlarmBanner : IDisposable
{
    private AlarmAnnunciation _annunciation = AlarmAnnunciation.None;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private IDisposable? _subscription;
    private bool _soundOn;
    private bool? _soundSent;

    [Inject] private AlarmService Alarms { get; set; } = default!;
    [Inject] private AlarmNotifier Notifier { get; set; } = default!;
    [Inject] private AlarmQuery Query { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _zone = await Query.SiteZoneAsync(CancellationToken.None);
        await RefreshAsync();
        if (RendererInfo.IsInteractive)
        {
            _subscription = Notifier.Subscribe(async () =>
            {
                await RefreshAsync();
                await InvokeAsync(StateHasChanged);
            });
        }
    }

    private async Task RefreshAsync()
    {
        var annunciation = await Alarms.GetAnnunciationAsync();
        if (annunciation.Top is { } key)
        {
            await Query.EnsureNamesAsync([key.Source], CancellationToken.None);
        }

        _annunciation = annunciation;
        _soundOn = annunciation.Count > 0;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (RendererInfo.IsInteractive && _soundSent != _soundOn)
        {
            _soundSent = _soundOn;
            await JS.InvokeVoidAsync("prepaid.alarmSound", _soundOn);
        }
    }

    private string BannerClass => "wall-alarm-banner wall-alarm-" + _annunciation.TopPriority;

    private bool Visible => _annunciation is { Count: > 0, Top: not null, TopPriority: not null };

    private string SoundState => _soundOn ? "on" : "off";

    private string Text => _annunciation is { Top: { } top, TopPriority: { } priority }
        ? $"{Query.NameOf(top.Source)} · {L.Enum(top.Condition)} · {L.Enum(priority)} · {SiteTime.Format(_annunciation.TopAt, _zone)}"
        : "";

    public void Dispose()
    {
        _subscription?.Dispose();
    }
}
