package dev.berth.web.view;

import java.util.List;

/** The admin's list of local users, with the forms to add one and to change each. */
public record UsersPage(Layout layout, List<User> users, String error) {

  /** One user as listed. */
  public record User(String username, boolean admin, boolean disabled, String createdAt) {}
}
