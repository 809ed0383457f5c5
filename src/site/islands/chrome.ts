// The islands on every member page, bundled as one entry so a page loads one script for them.
export { FeedbackLink } from '../FeedbackLink'
export { LinkBeacons } from '../LinkBeacons'
export { LogoutButton } from '../LogoutButton'
export { MeNav } from '../MeNav'
export { NavLinks } from '../NavLinks'
export { SessionKeeper } from '../SessionKeeper'
