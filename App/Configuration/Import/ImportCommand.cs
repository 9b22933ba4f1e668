using Prepaid.App.Kernel;
using System.CommandLine;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.Domain.Security;

namespace Prepaid.App.Configuration.Import;

/// <summary><c>import FILE [--dry-run] [--all]</c>: the same dry run and apply as the import page, from a shell.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The .xlsx or .xls workbook (the configuration template)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change and every error; write nothing." };
        var all = new Option<bool>("--all") { Description = "List unchanged rows too." };
        var site = new Option<string?>("--site") { Description = "On a new installation without a site: create the site with this name first." };
        var command = new Command("import", "Import shafts, gateways, buses, meters and tenants from a workbook; exits 1 when it has errors (nothing is written then).")
        {
            file, dryRun, all, site,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, ct) => RunAsync(result.GetValue(file)!, result.GetValue(dryRun), result.GetValue(all), result.GetValue(site),
            result.UnmatchedTokens.ToArray(), result.InvocationConfiguration.Output, ct));
        return command;
    }

    public static async Task<int> RunAsync(FileInfo file, bool dryRun, bool all, string? siteName, string[] args, TextWriter output, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await output.WriteLineAsync($"No such file: {file.FullName}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPersistence(builder.Configuration);
        builder.Services.AddKernel(builder.Configuration);
        new ConfigurationModule().AddServices(builder.Services, builder.Configuration);
        using var host = builder.Build();
        if (host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldAutoMigrate)
        {
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        }

        // Whoever runs the command on the server acts as an administrator; the audit log names the OS user.
        var actor = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "cli:" + Environment.UserName), new Claim(ClaimTypes.Role, Roles.Administrator)], "cli"));
        var createsSite = !string.IsNullOrWhiteSpace(siteName) && await host.Services.GetRequiredService<ConfigurationQuery>().SiteAsync(actor, ct) is null;
        if (createsSite && !dryRun)
        {
            await host.Services.GetRequiredService<ConfigurationService>().SaveSiteAsync(actor, new SiteEdit { Name = siteName! }, null, ct);
            await output.WriteLineAsync($"Created the site '{siteName!.Trim()}'.");
        }

        var importer = host.Services.GetRequiredService<ConfigurationImporter>();
        await using var stream = file.OpenRead();
        var plan = dryRun
            ? await importer.DryRunAsync(actor, stream, file.Name, ct)
            : await importer.ApplyAsync(actor, stream, file.Name, null, ct);
        if (createsSite && dryRun)
        {
            // The apply creates the site first, so the missing site is not an error of this file.
            plan.FileErrors.RemoveAll(e => e.Error.Code == "NoSite");
            await output.WriteLineAsync($"The site '{siteName!.Trim()}' would be created first.");
        }
        await ImportReport.WriteAsync(plan, output, all, dryRun);
        return plan.HasErrors ? 1 : 0;
    }
}

/// <summary>The dry run or the result of an import as text: the command line's output.</summary>
public static class ImportReport
{
    public static async Task WriteAsync(ImportPlan plan, TextWriter output, bool all, bool dryRun)
    {
        await output.WriteLineAsync($"{plan.FileName}  SHA-256 {plan.Sha256}");
        foreach (var error in plan.FileErrors)
        {
            await output.WriteLineAsync($"ERROR      {error}");
        }

        foreach (var row in plan.Rows.Where(r => all || r.Status != ImportRowStatus.Unchanged))
        {
            var changes = row.Changes.Count == 0 ? "" : ": " + string.Join("; ", row.Changes.Select(c => $"{c.Column} '{c.Before}' -> '{c.After}'"));
            await output.WriteLineAsync($"{row.Status.ToString().ToUpperInvariant(),-10} {row.Sheet} row {row.Row} {row.Key}{changes}");
            foreach (var error in row.Errors)
            {
                await output.WriteLineAsync($"           {error}");
            }
        }

        var errors = plan.Errors.Count();
        await output.WriteLineAsync($"{plan.Count(ImportRowStatus.New)} new, {plan.Count(ImportRowStatus.Changed)} changed, " +
            $"{plan.Count(ImportRowStatus.Unchanged)} unchanged, {plan.Count(ImportRowStatus.Error)} rows in error, {errors} errors.");
        await output.WriteLineAsync(plan.HasErrors ? "Nothing was written: correct the errors and import again."
            : dryRun ? "Dry run: nothing was written."
            : plan.Applied ? "Imported." : "Nothing to import.");
    }
}
