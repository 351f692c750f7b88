namespace IamOps.Policy.Validation;

/// <summary>Finds the known privilege-escalation action sets among the actions a policy allows on every resource.</summary>
internal static class PrivilegeEscalationChecks
{
    private static readonly string[][] Sets = BuildSets();

    public static void Check(ValidationRun run)
    {
        if (run.Type != PolicyType.Identity)
        {
            return;
        }

        var broad = run.Document.Statements
            .Where(s => s.IsAllow && (s.NotResource is not null || s.Resource?.ContainsText("*") == true))
            .ToArray();
        if (broad.Length == 0)
        {
            return;
        }

        var allowedCache = new Dictionary<string, PolicyStatement?>(StringComparer.OrdinalIgnoreCase);
        PolicyStatement? FirstAllowing(string action)
        {
            if (!allowedCache.TryGetValue(action, out var found))
            {
                found = broad.FirstOrDefault(s => SecurityChecks.Covers(s, action));
                allowedCache[action] = found;
            }

            return found;
        }

        var reported = new List<string[]>();
        foreach (var set in Sets)
        {
            if (set.All(a => FirstAllowing(a) is not null) && !reported.Any(r => r.All(set.Contains)))
            {
                reported.Add(set);
            }
        }

        if (reported.Count == 0)
        {
            return;
        }

        var first = FirstAllowing(reported[0][0])!;
        var described = string.Join("; ", reported.Take(6).Select(s => string.Join(" + ", s)));
        var more = reported.Count > 6 ? $" and {reported.Count - 6} more" : string.Empty;
        run.Add(FindingSeverity.SecurityWarning, PolicyCheckIds.PrivilegeEscalation, $"The policy allows on all resources action sets that let a principal raise its own privileges: {described}{more}. Scope these actions to specific resources or remove them.", first.Location, first);
    }

    private static string[][] BuildSets()
    {
        var singles = new[]
        {
            "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:AddUserToGroup", "iam:CreatePolicyVersion",
            "iam:SetDefaultPolicyVersion", "iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:PutUserPolicy",
            "iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "glue:UpdateDevEndpoint", "lambda:UpdateFunctionCode",
        };
        var withPassRole = new[]
        {
            new[] { "ec2:RunInstances" }, new[] { "lambda:CreateFunction", "lambda:InvokeFunction" },
            new[] { "lambda:CreateFunction", "lambda:CreateEventSourceMapping" }, new[] { "glue:CreateDevEndpoint" },
            new[] { "cloudformation:CreateStack" }, new[] { "datapipeline:CreatePipeline" }, new[] { "codebuild:CreateProject", "codebuild:StartBuild" },
            new[] { "ecs:RegisterTaskDefinition", "ecs:RunTask" }, new[] { "ecs:RegisterTaskDefinition", "ecs:StartTask" },
            new[] { "ecs:RegisterTaskDefinition", "ecs:CreateService" }, new[] { "sagemaker:CreateNotebookInstance" },
            new[] { "sagemaker:CreateTrainingJob" }, new[] { "sagemaker:CreateProcessingJob" }, new[] { "apprunner:CreateService" },
            new[] { "ec2:RequestSpotInstances" },
        };
        var others = new[]
        {
            new[] { "iam:CreatePolicyVersion", "sts:AssumeRole" }, new[] { "iam:CreateAccessKey", "iam:DeleteAccessKey" },
            new[] { "cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet" },
            new[] { "ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances" },
            new[] { "lambda:UpdateFunctionCode", "lambda:InvokeFunction" }, new[] { "lambda:UpdateFunctionCode", "lambda:AddPermission" },
            new[] { "ecs:ExecuteCommand" }, new[] { "ec2-instance-connect:SendSSHPublicKey" },
        };
        return singles.Select(s => new[] { s })
            .Concat(withPassRole.Select(s => new[] { "iam:PassRole" }.Concat(s).ToArray()))
            .Concat(others)
            .OrderBy(s => s.Length)
            .ToArray();
    }
}
