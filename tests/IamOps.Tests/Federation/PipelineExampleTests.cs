using YamlDotNet.RepresentationModel;

namespace IamOps.Tests.Federation;

/// <summary>The example pipelines (examples/pipelines) parse as YAML and deploy with IamOps through OIDC, with no stored AWS keys.</summary>
public sealed class PipelineExampleTests
{
    private static readonly string[] StoredKeyNames = { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "aws-access-key-id", "aws-secret-access-key", "secrets.AWS" };

    private static string Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "examples", "pipelines", name);
            if (File.Exists(Path.Combine(dir.FullName, "IamOps.sln")))
            {
                return path;
            }
        }

        throw new FileNotFoundException("The repository root (IamOps.sln) was not found above the test's folder.", name);
    }

    private static (YamlMappingNode Root, string Text) Load(string name)
    {
        var text = File.ReadAllText(Example(name));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return ((YamlMappingNode)Assert.Single(stream.Documents).RootNode, text);
    }

    private static YamlNode At(YamlMappingNode node, string key) => node.Children[new YamlScalarNode(key)];

    private static IEnumerable<string> Scripts(YamlSequenceNode steps, string key) =>
        steps.Children.OfType<YamlMappingNode>().Where(s => s.Children.ContainsKey(new YamlScalarNode(key))).Select(s => ((YamlScalarNode)At(s, key)).Value ?? string.Empty);

    [Fact]
    public void The_GitHub_Actions_workflow_may_request_an_id_token_and_assumes_the_role_from_it()
    {
        var (root, text) = Load("github-actions.yml");

        Assert.Equal("write", ((YamlScalarNode)At((YamlMappingNode)At(root, "permissions"), "id-token")).Value);
        var job = (YamlMappingNode)At((YamlMappingNode)At(root, "jobs"), "deploy");
        var runs = Scripts((YamlSequenceNode)At(job, "steps"), "run").ToList();
        Assert.Contains(runs, r => r.Contains("Invoke-IamRoleAssume", StringComparison.Ordinal) && r.Contains("-FromGitHubActions", StringComparison.Ordinal));
        Assert.DoesNotContain(StoredKeyNames, k => text.Contains(k, StringComparison.Ordinal));
    }

    [Fact]
    public void The_Azure_pipeline_requests_the_service_connection_token_and_assumes_the_role_from_the_environment()
    {
        var (root, text) = Load("azure-pipelines.yml");

        var variables = (YamlMappingNode)At(root, "variables");
        Assert.StartsWith("arn:aws:iam::", ((YamlScalarNode)At(variables, "AWS_ROLE_ARN")).Value, StringComparison.Ordinal);
        var job = (YamlMappingNode)((YamlSequenceNode)At(root, "jobs")).Children[0];
        var scripts = Scripts((YamlSequenceNode)At(job, "steps"), "pwsh").ToList();
        Assert.Contains(scripts, s => s.Contains("SYSTEM_OIDCREQUESTURI", StringComparison.Ordinal) && s.Contains("AWS_WEB_IDENTITY_TOKEN_FILE", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.Contains("Invoke-IamRoleAssume", StringComparison.Ordinal));
        Assert.DoesNotContain(StoredKeyNames, k => text.Contains(k, StringComparison.Ordinal));
    }
}
