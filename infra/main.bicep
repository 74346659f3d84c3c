// Deploys the SSO chat-ops bot into one resource group: a user-assigned managed
// identity (the bot's Bot Framework identity and its Microsoft Graph identity),
// a Storage account for the state shared by all instances, a Linux App Service
// app running `npm start`, and an Azure Bot with the Microsoft Teams channel.
// API versions are listed, with the reference pages they were checked against,
// in docs/deploy.md.

targetScope = 'resourceGroup'

@description('Prefix for resource names, 3 to 12 lowercase letters and digits, e.g. "ssobot".')
@minLength(3)
@maxLength(12)
param namePrefix string

@description('Azure region for everything except the bot registration, which is global.')
param location string = resourceGroup().location

@description('App Service plan SKU, e.g. B1, S1 or P0v3. Always On needs B1 or higher.')
param appServiceSku string = 'B1'

@description('Number of bot instances. All share the state in Blob Storage.')
@minValue(1)
param instanceCount int = 1

@description('Linux runtime of the web app. `az webapp list-runtimes --os-type linux` lists the current values.')
param nodeRuntime string = 'NODE|22-lts'

@description('Azure Bot pricing tier: F0 (free) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('The Entra tenant the bot manages. A managed identity obtains tokens only in its own tenant, so this is the deployment tenant.')
param tenantId string = tenant().tenantId

@description('Entra object ids of the people who may approve change requests.')
param approverIds array = []

@description('Object id of an Entra group whose members may approve change requests, or empty for none.')
param approverGroupId string = ''

@description('Secret for signed certificate download links, at least 32 characters, e.g. from `openssl rand -base64 32`.')
@secure()
@minLength(32)
param linkSigningKey string

@description('Blob container for the bot state.')
param stateContainerName string = 'bot-state'

var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: '${namePrefix}-id'
  plan: '${namePrefix}-plan'
  webApp: '${namePrefix}-${suffix}'
  bot: '${namePrefix}-bot-${suffix}'
  storage: take('${namePrefix}${suffix}', 24)
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

module state 'modules/state-storage.bicep' = {
  name: 'state-storage'
  params: {
    name: names.storage
    location: location
    containerName: stateContainerName
    principalId: identity.properties.principalId
  }
}

module app 'modules/web-app.bicep' = {
  name: 'web-app'
  params: {
    planName: names.plan
    webAppName: names.webApp
    location: location
    sku: appServiceSku
    instanceCount: instanceCount
    nodeRuntime: nodeRuntime
    identityId: identity.id
    identityClientId: identity.properties.clientId
    tenantId: tenantId
    stateContainerName: stateContainerName
    storageBlobEndpoint: state.outputs.blobEndpoint
    approverIds: approverIds
    approverGroupId: approverGroupId
    linkSigningKey: linkSigningKey
  }
}

module bot 'modules/azure-bot.bicep' = {
  name: 'azure-bot'
  params: {
    name: names.bot
    sku: botSku
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    tenantId: identity.properties.tenantId
  }
}

@description('The bot id: BOT_ID for the Teams app package.')
output botId string = identity.properties.clientId

@description('The messaging endpoint registered with the Azure Bot.')
output botEndpoint string = 'https://${app.outputs.hostName}/api/messages'

@description('BOT_DOMAIN for the Teams app package.')
output botDomain string = app.outputs.hostName

@description('Object id of the managed identity, for the Microsoft Graph app role assignments.')
output identityPrincipalId string = identity.properties.principalId

output webAppName string = names.webApp
output storageAccountName string = names.storage
