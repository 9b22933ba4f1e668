using Prepaid.App.Configuration;
using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Pages;

public partial class SitePage
{
    private SiteEdit _site = new();
    private IReadOnlyList<Shaft> _shafts = [];
    private IReadOnlyList<ReferenceItem> _transformers = [];
    private ShaftEdit _edit = new();
    private bool _editing;

    protected override bool Editing => _editing;

    protected override async Task LoadAsync()
    {
        if (await Query.SiteAsync(Actor) is { } site)
        {
            _site = new SiteEdit { Name = site.Name, TimeZoneId = site.TimeZoneId };
        }

        _shafts = await Query.ShaftsAsync(Actor);
        (_, _, _, _transformers) = await Query.ReferencesAsync(Actor);
    }

    private string? TransformerCode(int? id) => _transformers.FirstOrDefault(t => t.Id == id)?.Code;

    private Task SaveSiteAsync() => RunAsync(() => Service.SaveSiteAsync(Actor, _site, Address));

    private void New()
    {
        ClearErrors();
        _edit = new ShaftEdit();
        _editing = true;
    }

    private Action Edit(Shaft shaft) => () =>
    {
        ClearErrors();
        _edit = new ShaftEdit { Id = shaft.Id, Code = shaft.Code, Name = shaft.Name, TransformerId = shaft.TransformerId };
        _editing = true;
    };

    private Func<Task> Delete(Shaft shaft) => () => RunAsync(() => Service.DeleteShaftAsync(Actor, shaft.Id, Address));

    private void Cancel()
    {
        ClearErrors();
        _editing = false;
    }

    private async Task SaveAsync() => _editing = !await RunAsync(() => Service.SaveShaftAsync(Actor, _edit, Address));
}
