using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Tests.Support;
using Prepaid.App.Wall;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Wall;

/// <summary>The /hubs/meters hub. The refusals share one host; the delta test, which pushes live state, gets its own.</summary>
public sealed class MetersHubTests(PrepaidAppFactory shared) : IClassFixture<PrepaidAppFactory>
{
    [Fact]
    public async Task Hub_SignedInClient_GetsTheSnapshotAndThenDeltas()
    {
        await using var factory = new PrepaidAppFactory();
        var cookies = new CookieContainer();
        using var http = new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() }) { BaseAddress = factory.Server.BaseAddress };
        await PrepaidAppFactory.SignInAsync(http, "electrician", "Demo-Electrician-2026");
        var connection = Connect(factory, cookies);
        var delta = new TaskCompletionSource<MeterSnapshot[]>();
        connection.On<MeterSnapshot[]>(MetersHub.DeltaMethod, snapshots => delta.TrySetResult(snapshots));
        await connection.StartAsync();

        var snapshot = await connection.InvokeAsync<MeterSnapshot[]>("GetSnapshot");
        var meterId = await FirstMeterAsync(factory);
        factory.Services.GetRequiredService<LiveStateCache>().Apply([new MeterLiveState
        {
            MeterId = meterId, Quality = ValueQuality.Good, UpdatedAt = DateTimeOffset.UtcNow, LastGoodAt = DateTimeOffset.UtcNow, PowerKw = 3.25m, SupplyOn = true,
        }]);

        var received = await delta.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Empty(snapshot);
        var state = Assert.Single(received);
        Assert.Equal((meterId, 3.25m, true), (state.MeterId, state.PowerKw, state.SupplyOn));
        await connection.DisposeAsync();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("cashier", HttpStatusCode.Forbidden)]
    public async Task Negotiate_WithoutLiveStatePermission_IsAStatusCodeNotALoginPage(string? user, HttpStatusCode expected)
    {
        using var client = user is null
            ? shared.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : await shared.CreateSignedInClientAsync(user, "Demo-Cashier-2026");

        var response = await client.PostAsync(MetersHub.Path + "/negotiate?negotiateVersion=1", null);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Hub_Anonymous_IsRefused()
    {
        using var _ = shared.CreateClient();
        var connection = Connect(shared, new CookieContainer());

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => connection.StartAsync());
        await connection.DisposeAsync();
    }

    private static HubConnection Connect(PrepaidAppFactory factory, CookieContainer cookies) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, MetersHub.Path.TrimStart('/')), o =>
        {
            o.Transports = HttpTransportType.LongPolling;
            o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() };
        })
        .Build();

    private static async Task<int> FirstMeterAsync(PrepaidAppFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        return await db.Meters.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
    }
}
