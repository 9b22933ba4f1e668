using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Wall;

/// <summary>A meter as the wall draws it.</summary>
public sealed record WallMeter(int Id, string Name, MeterKind Kind, MeterRole Role);

/// <summary>A shaft's feeder and the meters behind it.</summary>
public sealed record WallShaft(int Id, string Code, int? TransformerId, IReadOnlyList<WallMeter> Meters);

/// <summary>A transformer and its incomer meter.</summary>
public sealed record WallTransformer(int Id, string Code, string Name, int? IncomerMeterId);

/// <summary>The site's topology for the one-line diagram, read once per page.</summary>
public sealed record WallModel(string SiteName, IReadOnlyList<WallTransformer> Transformers, IReadOnlyList<WallShaft> Shafts)
{
    public static async Task<WallModel> LoadAsync(IDbContextFactory<PrepaidDb> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var site = await db.Sites.OrderBy(s => s.Id).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var meters = await db.Meters.AsNoTracking()
            .Select(m => new { m.Id, m.Name, m.Kind, m.Role, m.ShaftId, m.TransformerId })
            .ToListAsync(cancellationToken);
        var transformers = await db.Transformers.AsNoTracking().OrderBy(t => t.Code).ToListAsync(cancellationToken);
        var shafts = await db.Shafts.AsNoTracking().OrderBy(s => s.Code).ToListAsync(cancellationToken);
        return new WallModel(
            site,
            [.. transformers.Select(t => new WallTransformer(t.Id, t.Code, t.Name,
                meters.FirstOrDefault(m => m.Role == MeterRole.MainIncomer && m.TransformerId == t.Id)?.Id))],
            [.. shafts.Select(s => new WallShaft(s.Id, s.Code, s.TransformerId,
                [.. meters.Where(m => m.ShaftId == s.Id).OrderBy(m => m.Role).ThenBy(m => m.Kind).ThenBy(m => m.Name)
                    .Select(m => new WallMeter(m.Id, m.Name, m.Kind, m.Role))]))]);
    }
}
