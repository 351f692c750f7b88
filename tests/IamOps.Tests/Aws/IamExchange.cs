using IamOps.Aws;

namespace IamOps.Tests.Aws;

/// <summary>Runs one client call against a local server that gives one canned answer, and returns what was sent.</summary>
internal static class IamExchange
{
    public static async Task<(T Result, RecordedRequest Request)> RunAsync<T>(CannedResponse response, Func<IamQueryClient, Task<T>> call)
    {
        using var server = new LocalHttpServer((_, _) => response);
        using var client = IamTestClients.For(server);
        var result = await call(client);
        return (result, Assert.Single(server.Requests));
    }

    public static async Task<RecordedRequest> RunAsync(CannedResponse response, Func<IamQueryClient, Task> call)
    {
        var (_, request) = await RunAsync(response, async client =>
        {
            await call(client);
            return true;
        });
        return request;
    }

    public static Task<(List<T> Result, RecordedRequest Request)> ListAsync<T>(CannedResponse response, Func<IamQueryClient, IAsyncEnumerable<T>> call) =>
        RunAsync(response, client => CollectAsync(call(client)));

    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>The form parameters other than Action and Version.</summary>
    public static Dictionary<string, string> Parameters(this RecordedRequest request) =>
        request.Form.Where(p => p.Key is not ("Action" or "Version")).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
