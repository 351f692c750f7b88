namespace IamOps.Tests.Simulator;

/// <summary>Asserts that a port call fails with one AWS error code, shaped as the AWS adapters shape it.</summary>
internal static class Expect
{
    public static async Task<IamOpsException> AwsError(string code, int status, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<IamOpsException>(call);
        Assert.Equal(code, error.AwsErrorCode);
        Assert.Equal("Aws" + code, error.ErrorId);
        Assert.Equal(status, error.HttpStatus);
        return error;
    }

    public static async Task<IamOpsException> AwsError<T>(string code, int status, Func<IAsyncEnumerable<T>> listing)
    {
        return await AwsError(code, status, async () =>
        {
            await foreach (var item in listing())
            {
                GC.KeepAlive(item);
            }
        });
    }

    public static string Statement(string effect, string action, string resource = "*") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Action":"{{action}}","Resource":"{{resource}}"}]}""";

    public static string Trust(string principalJson, string condition = "", string action = "sts:AssumeRole") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{{principalJson}},"Action":"{{action}}"{{(condition.Length == 0 ? "" : ",\"Condition\":" + condition)}}}]}""";

    public static async Task<List<T>> All<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
