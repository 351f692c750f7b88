namespace IamOps.Policy.Evaluation;

/// <summary>Gives the value of a policy variable such as aws:username for one request.</summary>
internal interface IVariableResolver
{
    /// <summary>The first value of the key, else the default, else null.</summary>
    string? ResolveVariable(in PatternToken variable);
}
