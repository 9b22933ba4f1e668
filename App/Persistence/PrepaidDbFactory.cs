using Microsoft.EntityFrameworkCore;

namespace Prepaid.App.Persistence;

/// <summary>Hands out the configured provider's context as the common <see cref="PrepaidDb"/> type.</summary>
internal sealed class PrepaidDbFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PrepaidDb>
    where TContext : PrepaidDb
{
    public PrepaidDb CreateDbContext() => inner.CreateDbContext();

    public async Task<PrepaidDb> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
